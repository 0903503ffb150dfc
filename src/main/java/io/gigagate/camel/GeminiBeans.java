package io.gigagate.camel;

import io.gigagate.error.FrontErrors;
import io.gigagate.gemini.GeminiErrors;
import io.gigagate.gigachat.EmbeddingsRequestMapper;
import io.gigagate.gigachat.ModelCatalog;
import io.gigagate.gigachat.ModelResolver;
import io.gigagate.security.AccessPolicy;
import io.gigagate.security.KeySource;
import io.gigagate.stream.StreamLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Spring-free factories of the Gemini front's beans (routes/gemini.camel.yaml), called by
 * config.GeminiConfiguration and by deploy/camel-k/beans.camel.yaml alike.
 */
public final class GeminiBeans {

    /** The Gemini front's route configuration. */
    public static final String ROUTE_CONFIGURATION = "gemini-errors";
    /** The paths whose refusals before any route (body limit, unknown path) are answered in Google's shape. */
    public static final List<String> PATH_PREFIXES = List.of("/v1beta/");

    private GeminiBeans() {
    }

    /** Where Gemini's clients put the key: {@code x-goog-api-key}, {@code ?key=}, else Bearer (not in pass-token mode). */
    public static List<KeySource> keySources(boolean passToken) {
        return passToken ? List.of(new KeySource.Header("x-goog-api-key"), new KeySource.Query("key"))
                : List.of(new KeySource.Header("x-goog-api-key"), new KeySource.Query("key"), new KeySource.Bearer());
    }

    /** Route configuration {@value #ROUTE_CONFIGURATION}: Google's error shape, Gemini's key places, registered with {@code frontErrors}. */
    public static FrontRouteConfiguration geminiRouteConfiguration(AccessPolicy accessPolicy, boolean passToken,
            ClientContextCapture clientContextCapture, TrafficLog trafficLog, FrontErrors frontErrors) {
        AccessPolicyStep access = new AccessPolicyStep(accessPolicy, keySources(passToken), List.of());
        return new FrontRouteConfiguration(ROUTE_CONFIGURATION, GeminiErrors.INSTANCE, PATH_PREFIXES, access,
                clientContextCapture, trafficLog).addTo(frontErrors);
    }

    public static GeminiRequestProcessor geminiRequestProcessor(BuiltInToolPolicy builtInToolPolicy) {
        return new GeminiRequestProcessor(builtInToolPolicy);
    }

    public static GeminiResponseProcessor geminiResponseProcessor() {
        return new GeminiResponseProcessor(GatewayBeans.chatAnswers());
    }

    public static GeminiStreamProcessor geminiStreamProcessor(Duration totalTimeout) {
        return new GeminiStreamProcessor(new StreamLimits(totalTimeout), Clock.systemUTC());
    }

    public static GeminiEmbeddingsProcessor geminiEmbeddingsProcessor(ModelResolver models, int batchSize) {
        return new GeminiEmbeddingsProcessor(models, new EmbeddingsRequestMapper(batchSize));
    }

    public static GeminiModelsProcessor geminiModelsProcessor(ModelCatalog catalog, ModelResolver models) {
        return new GeminiModelsProcessor(catalog, models);
    }
}
