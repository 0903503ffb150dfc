package io.gigagate.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ids in OpenAI's shapes: a prefix, then 48 random lowercase hex digits. */
class ResponseIdsTest {

    @Test
    void eachKindHasItsPrefixAndFortyEightHexDigits() {
        assertThat(ResponseIds.response()).matches("resp_[0-9a-f]{48}");
        assertThat(ResponseIds.message()).matches("msg_[0-9a-f]{48}");
        assertThat(ResponseIds.functionCall()).matches("fc_[0-9a-f]{48}");
        assertThat(ResponseIds.customToolCall()).matches("ctc_[0-9a-f]{48}");
        assertThat(ResponseIds.reasoning()).matches("rs_[0-9a-f]{48}");
        assertThat(ResponseIds.item("function_call_output")).matches("fco_[0-9a-f]{48}");
        assertThat(ResponseIds.item("something_else")).matches("item_[0-9a-f]{48}");
    }

    @Test
    void idsDoNotRepeatAndUseEveryDigit() {
        Set<String> ids = new HashSet<>();
        Set<Character> digits = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ResponseIds.response();
            ids.add(id);
            id.substring(5).chars().forEach(c -> digits.add((char) c));
        }
        assertThat(ids).hasSize(10_000);
        assertThat(digits).hasSize(16);
    }
}
