package io.gigagate.security;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The gateway's access rules for a request, the same on every runtime and every front: the browser origin
 * ({@link CorsPolicy}), the API key (when keys are enforced), then the key's rate and concurrency limits. Each front says where its clients put
 * the key ({@link KeySource}); a refusal is a {@link GatewayException} the front renders in its own shape.
 * Pure: the Camel step that runs it is {@code io.gigagate.camel.AccessPolicyStep}.
 */
public final class AccessPolicy {

    /** Who was let in, and what to give back when the request is done (null: nothing, no limits apply). */
    public record Admission(String keyName, KeyLimits.Permit permit) {
    }

    /** The key name of requests when keys are not enforced. */
    public static final String ANONYMOUS = "anonymous";

    private final ApiKeys keys;
    private final boolean enforceKeys;
    private final KeyLimits limits;
    private final CorsPolicy cors;
    private final KeyBudget budget;

    /**
     * @param enforceKeys whether a request must carry one of {@code keys} (see {@link #enforce})
     * @param cors        which browser origins may call
     */
    public AccessPolicy(ApiKeys keys, boolean enforceKeys, KeyLimits limits, CorsPolicy cors) {
        this(keys, enforceKeys, limits, cors, KeyBudget.NONE);
    }

    /** @param budget the key's budget, asked before its limits ({@link KeyBudget#NONE}: none) */
    public AccessPolicy(ApiKeys keys, boolean enforceKeys, KeyLimits limits, CorsPolicy cors, KeyBudget budget) {
        this.keys = keys;
        this.enforceKeys = enforceKeys;
        this.limits = limits;
        this.cors = cors;
        this.budget = budget == null ? KeyBudget.NONE : budget;
    }

    /** The CORS part, checked before the key (a pre-flight carries none). */
    public CorsPolicy cors() {
        return cors;
    }

    /**
     * Whether requests must carry a gateway key: {@code requireApiKey} is {@code true}, {@code false} or
     * {@code auto} (required unless the gateway listens on loopback only). Required without any key
     * configured is a start-up error: the gateway would be open to whoever reaches it.
     *
     * @param listensOnLoopbackOnly whether the gateway's listening address is a loopback address
     */
    public static boolean enforce(String requireApiKey, boolean listensOnLoopbackOnly, String listenAddress, ApiKeys keys) {
        String mode = requireApiKey == null ? "auto" : requireApiKey.strip().toLowerCase(Locale.ROOT);
        boolean required = switch (mode) {
            case "true" -> true;
            case "false" -> false;
            case "auto" -> !listensOnLoopbackOnly;
            default -> throw new IllegalStateException(
                    "gigagate.security.require-api-key must be auto, true or false, not '" + requireApiKey + "'");
        };
        if (required && keys.isEmpty()) {
            throw new IllegalStateException("Refusing to start: the gateway listens on '" + listenAddress
                    + "', reachable from other machines, and no API key is configured. Set GPT2GIGA_API_KEY (or "
                    + "GIGAGATE_SECURITY_APIKEYS_<NAME>), or set GIGAGATE_SECURITY_REQUIRE_API_KEY=false to run open "
                    + "on purpose.");
        }
        return !mode.equals("false") && !keys.isEmpty();
    }

    public boolean enforcesKeys() {
        return enforceKeys;
    }

    /**
     * Admits a request or refuses it.
     *
     * @param sources where this front's clients put the key, in order
     * @throws GatewayException 401 {@code invalid_api_key} (no or a wrong key), 429 {@code rate_limit_exceeded}
     *     or {@code budget_exceeded}
     */
    public Admission admit(List<KeySource> sources, UnaryOperator<String> header, UnaryOperator<String> query) {
        return limit(authenticate(sources, header, query));
    }

    /**
     * The name of the key the request carries ({@value #ANONYMOUS} when keys are not enforced).
     *
     * @throws GatewayException 401 {@code invalid_api_key} (no or a wrong key)
     */
    public String authenticate(List<KeySource> sources, UnaryOperator<String> header, UnaryOperator<String> query) {
        String name = ANONYMOUS;
        if (enforceKeys) {
            String presented = null;
            for (KeySource source : sources) {
                presented = source.read(header, query);
                if (presented != null) {
                    break;
                }
            }
            Optional<String> match = keys.match(presented);
            if (match.isEmpty()) {
                throw new GatewayException(401, ErrorCategory.INVALID_REQUEST, "invalid_api_key", null, presented == null
                        ? "You didn't provide an API key. Send it as "
                                + sources.stream().map(KeySource::hint).collect(Collectors.joining(" or ")) + "."
                        : "Incorrect API key provided.");
            }
            name = match.get();
        }
        return name;
    }

    /**
     * The key's budget, then its rate and concurrency limits.
     *
     * @throws GatewayException 429 {@code budget_exceeded} or {@code rate_limit_exceeded}
     */
    public Admission limit(String name) {
        budget.admit(name);
        return new Admission(name, limits.enabled() ? limits.acquire(name) : null);
    }
}
