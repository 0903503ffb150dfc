/**
 * State that several replicas share: {@link io.gigagate.state.RedisState} (the connection, its breaker, health and
 * metrics) and the Redis implementations of the gateway's stores and limits, chosen by {@code GIGAGATE_STATE=redis};
 * the in-memory implementations stay the default for one instance.
 */
package io.gigagate.state;
