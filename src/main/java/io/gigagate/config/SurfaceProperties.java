package io.gigagate.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the endpoints beyond chat (GIGAGATE_EMBEDDINGS_*, GIGAGATE_IMAGES_*, GIGAGATE_FAN_OUT_*).
 *
 * @param embeddings /v1/embeddings
 * @param images     /v1/images/generations
 * @param fanOut     parallel GigaChat calls made for one client request (embeddings batches, chat and
 *                   completion choices with n &gt; 1, several prompts, n images)
 */
@ConfigurationProperties("gigagate")
public record SurfaceProperties(
        @DefaultValue Embeddings embeddings,
        @DefaultValue Images images,
        @DefaultValue FanOut fanOut) {

    /**
     * @param batchSize     inputs per GigaChat {@code /embeddings} call; larger inputs are split and
     *                      reassembled in order (GigaChat answers 413 to requests that are too big)
     * @param tokenEncoding the encoding token-id input is decoded with when the requested model is not
     *                      an OpenAI model jtokkit knows: {@code cl100k_base} or {@code o200k_base}
     */
    public record Embeddings(
            @DefaultValue("100") int batchSize,
            @DefaultValue("cl100k_base") String tokenEncoding) {
    }

    /**
     * @param model         GigaChat model that draws (through its built-in text2image function); blank
     *                      means GIGACHAT_MODEL
     * @param urlTtl        how long an image stays downloadable from the gateway when
     *                      {@code response_format} is {@code url}
     * @param cacheSize     memory the images kept for URLs may take; the oldest go first
     * @param publicBaseUrl base of the image URLs the gateway hands out (e.g.
     *                      {@code https://gigagate.example.com}); blank means the address the client
     *                      called (its {@code Host}, {@code X-Forwarded-Host}/{@code -Proto})
     */
    public record Images(
            String model,
            @DefaultValue("60m") Duration urlTtl,
            @DefaultValue("256MB") DataSize cacheSize,
            String publicBaseUrl) {
    }

    /**
     * @param threads                threads shared by all requests for their parallel calls
     * @param maxParallelPerRequest  GigaChat calls one request may have in flight at once
     * @param maxChoices             the largest {@code n} (chat, completions, images) and number of
     *                               prompts x n accepted; each choice is one GigaChat call
     * @param streamReaders          threads reading the choices of streamed chats with n &gt; 1, one per
     *                               open choice stream; a request that finds none free gets a 503
     */
    public record FanOut(
            @DefaultValue("64") int threads,
            @DefaultValue("4") int maxParallelPerRequest,
            @DefaultValue("16") int maxChoices,
            @DefaultValue("256") int streamReaders) {
    }
}
