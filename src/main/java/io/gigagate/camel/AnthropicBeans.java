package io.gigagate.camel;

import io.gigagate.anthropic.AnthropicErrors;
import io.gigagate.error.FrontErrors;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.security.AccessPolicy;
import io.gigagate.security.KeySource;
import io.gigagate.stream.StreamLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Spring-free factories of the Anthropic front's beans: the one construction path for the Spring Boot app
 * ({@code io.gigagate.config.AnthropicConfiguration}) and for Camel Main and Camel K
 * (deploy/camel-k/beans.camel.yaml).
 */
public final class AnthropicBeans {

    /** The Anthropic front's route configuration. */
    public static final String ROUTE_CONFIGURATION = "anthropic-errors";

    private AnthropicBeans() {
    }

    /**
     * The Anthropic front's route configuration ({@value #ROUTE_CONFIGURATION}), registered with
     * {@code frontErrors} for {@code /v1/messages}: the key as {@code x-api-key} (the SDKs' header) or
     * {@code Authorization: Bearer} (Claude Code's {@code ANTHROPIC_AUTH_TOKEN}; in pass-token mode the Bearer
     * header is the client's GigaChat credential, so only {@code x-api-key}).
     */
    public static FrontRouteConfiguration anthropicRouteConfiguration(AccessPolicy accessPolicy, boolean passToken,
            ClientContextCapture clientContextCapture, TrafficLog trafficLog, FrontErrors frontErrors) {
        List<KeySource> keys = passToken ? List.of(new KeySource.Header("x-api-key"))
                : List.of(new KeySource.Header("x-api-key"), new KeySource.Bearer());
        frontErrors.withHeader("anthropic-version", AnthropicErrors.INSTANCE); // its clients on /v1/models
        return new FrontRouteConfiguration(ROUTE_CONFIGURATION, AnthropicErrors.INSTANCE, List.of("/v1/messages"),
                new AccessPolicyStep(accessPolicy, keys, List.of()), clientContextCapture, trafficLog).addTo(frontErrors);
    }

    /** {@code POST /v1/messages}' first step. */
    public static AnthropicRequestProcessor anthropicRequestProcessor(BuiltInToolPolicy tools) {
        return new AnthropicRequestProcessor(false, tools);
    }

    /** {@code POST /v1/messages/count_tokens}' first step. */
    public static AnthropicRequestProcessor anthropicCountTokensProcessor(BuiltInToolPolicy tools) {
        return new AnthropicRequestProcessor(true, tools);
    }

    public static AnthropicMessagesProcessor anthropicMessagesProcessor(Duration streamTotalTimeout) {
        return new AnthropicMessagesProcessor(GatewayBeans.chatAnswers(), new StreamLimits(streamTotalTimeout),
                Clock.systemUTC());
    }

    public static AnthropicModelsProcessor anthropicModelsProcessor(ModelCatalog catalog) {
        return new AnthropicModelsProcessor(catalog);
    }
}
