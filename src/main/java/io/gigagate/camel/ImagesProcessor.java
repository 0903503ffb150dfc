package io.gigagate.camel;

import io.gigagate.gigachat.GigaChatChatResponse;
import io.gigagate.gigachat.ImagesMapper;
import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.ImageGenerationRequest;
import io.gigagate.openai.ImageGenerationRequestParser;
import io.gigagate.openai.ImagesResponse;
import io.gigagate.wire.WireJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * The steps of {@code POST /v1/images/generations}, around two rounds of {@link UpstreamFanOut}:
 * {@link #request} makes n text2image chat calls, {@link #files} turns the answers into n file
 * downloads, {@link #response} answers with base64 or gateway URLs ({@link GeneratedImageStore});
 * {@link #content} serves such a URL.
 */
public final class ImagesProcessor {

    static final String BASE_URL = "gigagate.imagesBaseUrl";

    private final ImagesMapper mapper = new ImagesMapper();
    private final String defaultModel;
    private final GeneratedImageStore store;
    private final String publicBaseUrl;
    private final Clock clock;

    /**
     * @param defaultModel  the GigaChat model that draws when the client names none of GigaChat's
     * @param publicBaseUrl base of the image URLs, or null to use the address the client called
     */
    public ImagesProcessor(String defaultModel, GeneratedImageStore store, String publicBaseUrl, Clock clock) {
        this.defaultModel = defaultModel;
        this.store = store;
        this.publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : publicBaseUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    public void request(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ImageGenerationRequest request = ImageGenerationRequestParser.parse(message.getBody(byte[].class));
        // dall-e-3, gpt-image-1 and the like mean "the drawing model"; a GigaChat model id is used as it is
        String model = request.model() != null && request.model().startsWith("GigaChat") ? request.model() : defaultModel;
        byte[] body = WireJson.mapper().writeValueAsBytes(mapper.toGigaChat(request.prompt(), model));
        exchange.setProperty(ExchangeKeys.FRONT_REQUEST, request);
        exchange.setProperty(BASE_URL, publicBaseUrl != null ? publicBaseUrl : calledBaseUrl(message));
        message.setBody(new ArrayList<>(Collections.nCopies(request.images(), UpstreamCall.json(body))));
    }

    public void files(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        @SuppressWarnings("unchecked")
        List<UpstreamAnswer> answers = message.getMandatoryBody(List.class);
        List<UpstreamCall> downloads = new ArrayList<>(answers.size());
        for (UpstreamAnswer answer : answers) {
            String fileId = mapper.fileId(WireJson.mapper().readValue(answer.body(), GigaChatChatResponse.class));
            downloads.add(UpstreamCall.withProperty(ExchangeKeys.GIGACHAT_FILE_ID, fileId));
        }
        message.setBody(downloads);
    }

    public void response(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        ImageGenerationRequest request = exchange.getProperty(ExchangeKeys.FRONT_REQUEST, ImageGenerationRequest.class);
        String baseUrl = exchange.getProperty(BASE_URL, String.class);
        @SuppressWarnings("unchecked")
        List<UpstreamAnswer> files = message.getMandatoryBody(List.class);
        List<ImagesResponse.Image> images = new ArrayList<>(files.size());
        for (UpstreamAnswer file : files) {
            if (file.body() == null || file.body().length == 0) {
                throw new GatewayException(502, ErrorCategory.SERVER, "image_not_generated", null,
                        "GigaChat returned an empty image file.");
            }
            images.add(request.wantsUrl()
                    ? new ImagesResponse.Image(null, baseUrl + "/v1/images/content/" + store.put(file.body()), null)
                    : new ImagesResponse.Image(Base64.getEncoder().encodeToString(file.body()), null, null));
        }
        HttpAnswers.json(message, 200, new ImagesResponse(clock.instant().getEpochSecond(), images, "jpeg"));
    }

    /**
     * The base of the image URLs for this exchange: the configured one, else the address the client called (kept
     * by the chat step as {@value #BASE_URL}, as the headers are GigaChat's by the time an answer is read).
     */
    String baseUrl(Exchange exchange) {
        if (publicBaseUrl != null) {
            return publicBaseUrl;
        }
        String called = exchange.getProperty(BASE_URL, String.class);
        return called != null ? called : calledBaseUrl(exchange.getMessage());
    }

    /** Keeps an image in the store and gives the URL it is served at ({@code GET /v1/images/content/{key}}). */
    String publish(byte[] image, String baseUrl) {
        return baseUrl + "/v1/images/content/" + store.put(image);
    }

    /** {@code GET /v1/images/content/{key}}: a stored image, or OpenAI's 404. */
    public void content(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] image = store.get(message.getHeader("key", String.class));
        if (image == null) {
            throw GatewayException.notFound("This image does not exist or its URL has expired.", "not_found", null);
        }
        ClientResponse.reset(message.getExchange(), message);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "image/jpeg");
        message.setHeader("Cache-Control", "private, max-age=3600");
        message.setBody(image);
    }

    /**
     * scheme://host[:port] the client used, honouring a reverse proxy's X-Forwarded-Proto/Host; without
     * X-Forwarded-Proto, the scheme of the connection (https on the gateway's own TLS listener).
     */
    static String calledBaseUrl(Message message) {
        String proto = firstValue(message.getHeader("X-Forwarded-Proto", String.class));
        if (proto == null) {
            proto = connectionScheme(message);
        }
        String host = firstValue(message.getHeader("X-Forwarded-Host", String.class));
        if (host == null) {
            host = message.getHeader("Host", String.class);
        }
        if (host == null) {
            host = "localhost";
        }
        return (proto == null ? "http" : proto) + "://" + host;
    }

    /** The servlet request's scheme on Spring Boot; null elsewhere (Camel Main's Vert.x server is plain HTTP). */
    private static String connectionScheme(Message message) {
        try {
            return message instanceof PlatformHttpMessage m && m.getRequest() != null ? m.getRequest().getScheme() : null;
        } catch (NoClassDefFoundError notSpringBoot) {
            return null;
        }
    }

    private static String firstValue(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }
}
