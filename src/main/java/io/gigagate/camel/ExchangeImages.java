package io.gigagate.camel;

import io.gigagate.error.ErrorCategory;
import io.gigagate.error.GatewayException;
import io.gigagate.gigachat.GeneratedImages;
import io.gigagate.openai.ChatCompletion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The images GigaChat draws in a chat answer, for one exchange: fetched from GigaChat's
 * {@code /files/{id}/content} through the upstream door ({@code direct:gigachat-file-content}, by the
 * {@code upstreamFanOut} bean, with the client's context: its pass-token credential, forwarded headers), and
 * published in the {@code imagesProcessor}'s store at a gateway URL, as {@code /v1/images/generations} does.
 * Both beans are found by name in the Camel registry (every runtime declares them); without them an image
 * cannot be fetched and the answer fails with a 502.
 */
final class ExchangeImages {

    static final String FILE_CONTENT = "direct:gigachat-file-content";

    private ExchangeImages() {
    }

    /** The images of this exchange's answers (the beans and the client's context are looked up at the first). */
    static GeneratedImages of(Exchange exchange) {
        GeneratedImages[] resolved = new GeneratedImages[1];
        return fileId -> {
            if (resolved[0] == null) {
                resolved[0] = resolve(exchange);
            }
            return resolved[0].fetch(fileId);
        };
    }

    private static GeneratedImages resolve(Exchange exchange) {
        UpstreamFanOut fanOut = exchange.getContext().getRegistry().lookupByNameAndType("upstreamFanOut",
                UpstreamFanOut.class);
        ImagesProcessor images = exchange.getContext().getRegistry().lookupByNameAndType("imagesProcessor",
                ImagesProcessor.class);
        if (fanOut == null || images == null) {
            return GeneratedImages.NONE;
        }
        Map<String, Object> context = new HashMap<>();
        for (String key : ExchangeKeys.CLIENT_CONTEXT) {
            Object value = exchange.getProperty(key);
            if (value != null) {
                context.put(key, value);
            }
        }
        String baseUrl = images.baseUrl(exchange);
        return fileId -> {
            byte[] image;
            try {
                image = fanOut.callAll(FILE_CONTENT, List.of(UpstreamCall.withProperty(ExchangeKeys.GIGACHAT_FILE_ID,
                        fileId)), context).get(0).body();
            } catch (GatewayException e) {
                throw e;
            } catch (Exception e) {
                throw new GatewayException(502, ErrorCategory.SERVER, "image_not_generated", null,
                        "GigaChat's generated image could not be fetched.");
            }
            if (image == null || image.length == 0) {
                throw new GatewayException(502, ErrorCategory.SERVER, "image_not_generated", null,
                        "GigaChat returned an empty image file.");
            }
            return new GeneratedImages.Fetched(image, images.publish(image, baseUrl));
        };
    }

    /** The completion with each image it names fetched (the same completion when it names none). */
    static ChatCompletion fetched(ChatCompletion completion, GeneratedImages images) {
        if (completion.choices() == null || completion.choices().stream().noneMatch(ExchangeImages::drew)) {
            return completion;
        }
        List<ChatCompletion.Choice> choices = new ArrayList<>();
        for (ChatCompletion.Choice choice : completion.choices()) {
            if (!drew(choice)) {
                choices.add(choice);
                continue;
            }
            ChatCompletion.Message m = choice.message();
            List<ChatCompletion.BuiltInCall> calls = new ArrayList<>();
            for (ChatCompletion.BuiltInCall call : m.builtInCalls()) {
                if (call instanceof ChatCompletion.ImageCall image && image.image() == null) {
                    GeneratedImages.Fetched got = images.fetch(image.fileId());
                    calls.add(image.fetched(got.image(), got.url()));
                } else {
                    calls.add(call);
                }
            }
            choices.add(new ChatCompletion.Choice(choice.index(), new ChatCompletion.Message(m.role(), m.content(),
                    m.refusal(), m.toolCalls(), m.functionCall(), m.reasoningContent(), m.annotations(), calls),
                    choice.logprobs(), choice.finishReason()));
        }
        return new ChatCompletion(completion.id(), completion.object(), completion.created(), completion.model(),
                choices, completion.usage(), completion.systemFingerprint());
    }

    /** Whether GigaChat drew an image in any choice of the completion. */
    static boolean drew(ChatCompletion completion) {
        return completion.choices() != null && completion.choices().stream().anyMatch(ExchangeImages::drew);
    }

    private static boolean drew(ChatCompletion.Choice choice) {
        return choice.message() != null && choice.message().builtInCalls().stream()
                .anyMatch(call -> call instanceof ChatCompletion.ImageCall);
    }
}
