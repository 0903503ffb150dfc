package io.gigagate.state;

/** The shared state (Redis) cannot be reached now; callers fall back or refuse, as their state requires. */
public final class StateUnavailableException extends RuntimeException {

    public StateUnavailableException(String message) {
        super(message);
    }

    public StateUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
