package io.gigagate.gigachat;

import io.gigagate.openai.OpenAiErrors;
import io.gigagate.error.GatewayException;
import io.gigagate.openai.ModelList;
import io.gigagate.wire.WireJson;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.gigagate.openai.JsonAssertions.assertSameJson;
import static io.gigagate.openai.JsonAssertions.tree;
import static io.gigagate.openai.JsonAssertions.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ModelsMapperTest {

    private static final long CREATED = 1_700_000_000L;
    private final ModelsMapper mapper = new ModelsMapper();

    private ModelList mapped() throws Exception {
        GigaChatModelList upstream = WireJson.mapper().readValue("""
                {"object":"list","data":[
                  {"id":"GigaChat-2","object":"model","owned_by":"salutedevices","type":"chat"},
                  {"id":"GigaChat-2-Max","object":"model","type":"chat"}]}""", GigaChatModelList.class);
        Map<String, String> aliases = new LinkedHashMap<>();
        aliases.put("gpt-4o", "GigaChat-2-Max");
        aliases.put("gpt-4.1-mini", "GigaChat-2-Pro");
        return mapper.toOpenAi(upstream, aliases, CREATED);
    }

    @Test
    void upstreamModelsThenAliasesWhoseTargetExists() throws Exception {
        assertSameJson(written(mapped()), tree("""
                {"object":"list","data":[
                  {"id":"GigaChat-2","object":"model","created":1700000000,"owned_by":"salutedevices"},
                  {"id":"GigaChat-2-Max","object":"model","created":1700000000,"owned_by":"salutedevices"},
                  {"id":"gpt-4o","object":"model","created":1700000000,"owned_by":"gigagate"}]}"""));
    }

    @Test
    void findReturnsTheEntry() throws Exception {
        assertThat(mapper.find(mapped(), "gpt-4o").ownedBy()).isEqualTo("gigagate");
    }

    @Test
    void findUnknownModelIsOpenAisModelNotFound() throws Exception {
        ModelList list = mapped();
        GatewayException e = catchThrowableOfType(GatewayException.class, () -> mapper.find(list, "gpt-9"));
        assertThat(e.status()).isEqualTo(404);
        assertThat(OpenAiErrors.type(e.category())).isEqualTo("invalid_request_error");
        assertThat(e.code()).isEqualTo("model_not_found");
        assertThat(e.param()).isEqualTo("model");
        assertThat(e.getMessage()).isEqualTo("The model 'gpt-9' does not exist or you do not have access to it.");
    }
}
