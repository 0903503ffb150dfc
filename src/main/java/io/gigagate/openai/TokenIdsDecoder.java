package io.gigagate.openai;

import io.gigagate.error.GatewayException;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns OpenAI token ids back into text, because GigaChat only takes text. Clients such as
 * LangChain's OpenAIEmbeddings send {@code input} pre-tokenized with the encoding of the OpenAI model
 * they think they are calling: the model's own encoding when jtokkit knows the model name
 * ({@code text-embedding-3-small} → cl100k_base, {@code gpt-4o} → o200k_base), else the configured
 * default (cl100k_base, the encoding of every OpenAI embedding model). Encodings are loaded on first
 * use. Thread-safe.
 */
public final class TokenIdsDecoder {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final EncodingType defaultEncoding;

    /** @param defaultEncoding {@code cl100k_base} or {@code o200k_base} (any jtokkit encoding name) */
    public TokenIdsDecoder(String defaultEncoding) {
        this.defaultEncoding = encodingType(defaultEncoding);
    }

    public TokenIdsDecoder() {
        this("cl100k_base");
    }

    /**
     * The text of the token ids under the model's encoding.
     *
     * @param param the field the ids came from, for the error ({@code input[2]})
     * @throws GatewayException 400 {@code invalid_value} when an id is not a token of the encoding
     */
    public String decode(List<Integer> ids, String model, String param) {
        Encoding encoding = encodingFor(model);
        IntArrayList tokens = new IntArrayList(ids.size());
        ids.forEach(tokens::add);
        try {
            return encoding.decode(tokens);
        } catch (RuntimeException e) {
            throw GatewayException.invalidRequest("Invalid '" + param + "': the token ids are not valid "
                    + encoding.getName() + " tokens.", param, "invalid_value");
        }
    }

    Encoding encodingFor(String model) {
        if (model != null && !model.isBlank()) {
            var known = REGISTRY.getEncodingForModel(model.trim().toLowerCase(Locale.ROOT));
            if (known.isPresent()) {
                return known.get();
            }
        }
        return REGISTRY.getEncoding(defaultEncoding);
    }

    static EncodingType encodingType(String name) {
        for (EncodingType type : EncodingType.values()) {
            if (type.getName().equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown token encoding '" + name + "'; use cl100k_base or o200k_base");
    }
}
