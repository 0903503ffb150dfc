package io.gigagate.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway settings gpt2giga users already have in their {@code .env}: {@code GPT2GIGA_PASS_MODEL}
 * binds to {@code gpt2giga.pass-model}, and so on. Host and port are read by {@code server.*} in
 * application.yaml; they are here so the whole gpt2giga surface is documented in one place.
 *
 * @param timeout legacy upstream timeout in seconds (GPT2GIGA_TIMEOUT); GIGACHAT_TIMEOUT wins
 * @param structuredOutputMode GPT2GIGA_STRUCTURED_OUTPUT_MODE ({@code function_call} or {@code native});
 *     GIGAGATE_STRUCTURED_OUTPUT_MODE wins
 */
@ConfigurationProperties("gpt2giga")
public record Gpt2GigaProperties(
        @DefaultValue("localhost") String host,
        @DefaultValue("8090") int port,
        @DefaultValue("true") boolean passModel,
        @DefaultValue("false") boolean passToken,
        @DefaultValue("EmbeddingsGigaR") String embeddings,
        @DefaultValue("true") boolean enableImages,
        String apiKey,
        @DefaultValue("INFO") String logLevel,
        Double timeout,
        boolean verbose,
        String envPath,
        String structuredOutputMode) {

    @Override
    public String toString() {
        return "Gpt2GigaProperties[host=" + host + ", port=" + port + ", passModel=" + passModel
                + ", passToken=" + passToken + ", embeddings=" + embeddings + ", enableImages=" + enableImages
                + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "<unset>" : "***") + ", logLevel=" + logLevel
                + ", timeout=" + timeout + ", verbose=" + verbose + ", envPath=" + envPath
                + ", structuredOutputMode=" + structuredOutputMode + "]";
    }
}
