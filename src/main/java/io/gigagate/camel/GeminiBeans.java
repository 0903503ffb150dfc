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
    /** The methods Google also serves under {@code /v1/models/{model}:method}, beside OpenAI's {@code /v1/models/{id}}. */
    public static final List<String> V1_METHODS = List.of("generateContent", "streamGenerateContent", "countTokens",
            "embedContent", "batchEmbedContents");

    /**
     * Whether a path is one of Gemini's under {@code /v1} ({@code /v1/models/gemini-2.5-flash:generateContent}):
     * one segment after {@code /v1/models/}, ending in {@code :} and one of {@link #V1_METHODS}. OpenAI's model
     * ids may hold colons ({@code ft:gpt-4o-mini:org::id}) but never end in one of these methods.
     */
    public static boolean isV1ModelMethod(String path) {
        if (path == null || !path.startsWith("/v1/models/") || path.indexOf('/', "/v1/models/".length()) >= 0) {
            return false;
        }
        int colon = path.lastIndexOf(':');
        return colon > "/v1/models/".length() && V1_METHODS.contains(path.substring(colon + 1));
    }

    private GeminiBeans() {
    }

    /** Where Gemini's clients put the key: {@code x-goog-api-key}, {@code ?key=}, else Bearer (not in pass-token mode). */
    public static List<KeySource> keySources(boolean passToken) {
        return passToken ? List.of(new KeySource.Header("x-goog-api-key"), new KeySource.Query("key"))
                : List.of(new KeySource.Header("x-goog-api-key"), new KeySource.Query("key"), new KeySource.Bearer());
    }

    /**
     * Route configuration {@value #ROUTE_CONFIGURATION}: Google's error shape, Gemini's key places, registered with
     * {@code frontErrors} for {@code /v1beta/} and for Gemini's methods under {@code /v1/models/}.
     */
    public static FrontRouteConfiguration geminiRouteConfiguration(AccessPolicy accessPolicy, boolean passToken,
            ClientContextCapture clientContextCapture, TrafficLog trafficLog, FrontErrors frontErrors) {
        AccessPolicyStep access = new AccessPolicyStep(accessPolicy, keySources(passToken), List.of());
        frontErrors.withPath(GeminiBeans::isV1ModelMethod, GeminiErrors.INSTANCE);
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
