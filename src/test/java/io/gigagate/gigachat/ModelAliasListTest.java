package io.gigagate.gigachat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelAliasListTest {

    @Test
    void pairsAreReadInOrderAndAnEmptyTargetIsKept() {
        assertThat(ModelAliasList.parse(" gpt-4o=GigaChat-2-Pro, my-model = GigaChat-2 ,gpt-4=,"))
                .containsExactly(java.util.Map.entry("gpt-4o", "GigaChat-2-Pro"), java.util.Map.entry("my-model", "GigaChat-2"),
                        java.util.Map.entry("gpt-4", ""));
    }

    @Test
    void aPairWithoutTargetIsAClearError() {
        assertThatThrownBy(() -> ModelAliasList.parse("gpt-4o")).hasMessageContaining("alias=target");
    }
}
