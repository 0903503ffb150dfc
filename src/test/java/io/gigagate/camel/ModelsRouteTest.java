package io.gigagate.camel;

import static io.gigagate.support.OpenAiErrorAssert.assertOpenAiError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.support.GatewayTestSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /v1/models: GigaChat's list in OpenAI's shape, aliases added, cached, and a 404 for unknown ids. */
class ModelsRouteTest extends GatewayTestSupport {

    @Test
    void theListHasGigaChatModelsAndAliasesWithAStableCreated() throws Exception {
        JsonNode first = json(get("/v1/models"));
        JsonNode second = json(get("/models"));

        assertThat(first.get("object").asText()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        first.get("data").forEach(m -> {
            ids.add(m.get("id").asText());
            assertThat(m.get("object").asText()).isEqualTo("model");
            assertThat(m.get("owned_by").asText()).isNotBlank();
            assertThat(m.get("created").asLong()).isPositive();
        });
        assertThat(ids).contains("GigaChat", "GigaChat-2-Max", "EmbeddingsGigaR", "gpt-4o", "text-embedding-3-small");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theListIsCachedAndNotFetchedEveryTime() throws Exception {
        get("/v1/models");
        EMULATOR.clearRequests();

        get("/v1/models");
        get("/v1/models/GigaChat");

        assertThat(EMULATOR.requests("/models")).isEmpty();
    }

    @Test
    void oneModelIsFoundByIdOrAlias() throws Exception {
        JsonNode model = json(get("/v1/models/GigaChat-2-Pro"));
        JsonNode alias = json(get("/models/gpt-4o-mini"));

        assertThat(model.get("id").asText()).isEqualTo("GigaChat-2-Pro");
        assertThat(model.get("object").asText()).isEqualTo("model");
        assertThat(alias.get("id").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anUnknownModelIs404ModelNotFound() throws Exception {
        JsonNode error = assertOpenAiError(get("/v1/models/not-a-model"), 404, "invalid_request_error");

        assertThat(error.get("code").asText()).isEqualTo("model_not_found");
        assertThat(error.get("param").asText()).isEqualTo("model");
    }
}
