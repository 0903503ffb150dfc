package io.gigagate.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontErrorsTest {

    private final ErrorRenderer openAi = e -> Map.of("shape", "openai");
    private final ErrorRenderer anthropic = e -> Map.of("shape", "anthropic");
    private final ErrorRenderer gemini = e -> Map.of("shape", "gemini");
    private final ErrorRenderer special = e -> Map.of("shape", "special");

    @Test
    void theLongestMatchingPrefixWinsInWhateverOrderTheFrontsCame() {
        FrontErrors oneWay = new FrontErrors(openAi).with("/v1/messages", anthropic).with("/v1beta/", gemini)
                .with("/v1/messages/special", special);
        FrontErrors otherWay = new FrontErrors(openAi).with("/v1/messages/special", special).with("/v1beta/", gemini)
                .with("/v1/messages", anthropic);

        for (FrontErrors errors : new FrontErrors[] {oneWay, otherWay}) {
            assertThat(errors.forPath("/v1/messages/count_tokens")).isSameAs(anthropic);
            assertThat(errors.forPath("/v1/messages/special/x")).isSameAs(special);
            assertThat(errors.forPath("/v1beta/models/x:generateContent")).isSameAs(gemini);
            assertThat(errors.forPath("/v1/chat/completions")).isSameAs(openAi);
            assertThat(errors.forPath(null)).isSameAs(openAi);
        }
    }
}
