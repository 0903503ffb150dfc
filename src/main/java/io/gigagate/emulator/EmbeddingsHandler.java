package io.gigagate.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;

/** POST /api/v1/embeddings: deterministic unit vectors of the embedder's dimension, one per input string. */
final class EmbeddingsHandler implements Handler {

    private final int maxBatch;

    /** maxBatch: more inputs than this in one call get 413. */
    EmbeddingsHandler(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    @Override
    public void handle(Call call) throws IOException {
        JsonNode root = call.jsonObject();
        String model = root.path("model").asText("");
        if (!Models.isEmbedder(model)) {
            throw ApiError.of(404, "No such model");
        }
        List<String> input = Call.stringArray(root, "input");
        if (input.size() > maxBatch) {
            throw ApiError.of(413, "Payload too large");
        }
        int dim = Models.EMBEDDING_DIMS.get(model);
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        res.put("object", "list");
        res.put("model", model);
        ArrayNode data = res.putArray("data");
        for (int i = 0; i < input.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            ArrayNode vec = item.putArray("embedding");
            for (float v : embed(input.get(i), dim)) {
                vec.add(v);
            }
            item.putObject("usage").put("prompt_tokens", Math.max(1, TokensCountHandler.tokensFor(input.get(i))));
        }
        call.json(200, res);
    }

    /** A deterministic, L2-normalised vector seeded from the text's SHA-256. */
    static float[] embed(String text, int dim) {
        long seed;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (h[i] & 0xFF);
            }
        } catch (NoSuchAlgorithmException e) {
            seed = text.hashCode();
        }
        Random r = new Random(seed);
        double[] v = new double[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = r.nextGaussian();
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }
}
