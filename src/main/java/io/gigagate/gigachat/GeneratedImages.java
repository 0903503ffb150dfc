package io.gigagate.gigachat;

/**
 * Where the images GigaChat draws are fetched from: its {@code /files/{id}/content}, through the upstream door
 * with the client's context, and published at a gateway URL (as {@code /v1/images/generations} does). The
 * gateway's routes give one per exchange; the mappers and the stream decoder only call it.
 */
@FunctionalInterface
public interface GeneratedImages {

    /**
     * No fetching here (pure uses: tests, a stream without the gateway's routes): a stream keeps GigaChat's
     * {@code <img>} tags in its text, and a fetch fails with a 502.
     */
    GeneratedImages NONE = fileId -> {
        throw new io.gigagate.error.GatewayException(502, io.gigagate.error.ErrorCategory.SERVER,
                "image_not_generated", null, "GigaChat drew an image the gateway cannot fetch here.");
    };

    /** The image's JPEG bytes and the gateway URL it is served at. */
    Fetched fetch(String fileId);

    /** A fetched image. */
    record Fetched(byte[] image, String url) {
    }
}
