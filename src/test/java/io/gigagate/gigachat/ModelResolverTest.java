package io.gigagate.gigachat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelResolverTest {

    private final ModelResolver passing = new ModelResolver("GigaChat", "EmbeddingsGigaR", true, Map.of());

    @Nested
    class Chat {
        @Test
        void blankOrAbsentModelMeansTheDefault() {
            assertThat(passing.resolveChat(null)).isEqualTo("GigaChat");
            assertThat(passing.resolveChat(" ")).isEqualTo("GigaChat");
        }

        @Test
        void aliasMapsCaseInsensitively() {
            assertThat(passing.resolveChat("gpt-4o")).isEqualTo("GigaChat-2-Max");
            assertThat(passing.resolveChat("GPT-4o-Mini")).isEqualTo("GigaChat-2");
            assertThat(passing.resolveChat("o3-mini")).isEqualTo("GigaChat-2-Pro");
        }

        @Test
        void anyOtherNamePassesUnchanged() {
            assertThat(passing.resolveChat("GigaChat-2-Pro-preview")).isEqualTo("GigaChat-2-Pro-preview");
            assertThat(passing.resolveChat("no-such-model")).isEqualTo("no-such-model");
        }

        @Test
        void passModelOffAlwaysUsesTheDefault() {
            ModelResolver fixed = new ModelResolver("GigaChat-2", false, Map.of());
            assertThat(fixed.resolveChat("gpt-4o")).isEqualTo("GigaChat-2");
            assertThat(fixed.resolveChat("GigaChat-2-Max")).isEqualTo("GigaChat-2");
        }

        @Test
        void callerAliasesOverrideAndExtendTheDefaultsEntryByEntry() {
            ModelResolver custom = new ModelResolver("GigaChat", true,
                    Map.of("gpt-4o", "GigaChat-2-Pro", "my-model", "GigaChat-3-Ultra", "gpt-4", ""));
            assertThat(custom.resolveChat("gpt-4o")).isEqualTo("GigaChat-2-Pro");
            assertThat(custom.resolveChat("my-model")).isEqualTo("GigaChat-3-Ultra");
            assertThat(custom.resolveChat("gpt-4o-mini")).isEqualTo("GigaChat-2");
            assertThat(custom.resolveChat("gpt-4")).isEqualTo("gpt-4");
        }
    }

    @Nested
    class Aliases {
        @Test
        void defaultTableCoversTheDocumentedNames() {
            Map<String, String> aliases = ModelResolver.defaultAliases("Embeddings");
            assertThat(aliases).containsEntry("chatgpt-4o-latest", "GigaChat-2-Max")
                    .containsEntry("gpt-5", "GigaChat-2-Max")
                    .containsEntry("gpt-5-mini", "GigaChat-2-Pro")
                    .containsEntry("gpt-5-nano", "GigaChat-2")
                    .containsEntry("gpt-3.5-turbo", "GigaChat-2")
                    .containsEntry("text-embedding-3-small", "Embeddings")
                    .containsEntry("text-embedding-ada-002", "Embeddings")
                    .containsEntry("gpt-3.5-turbo-instruct", "GigaChat-2")
                    .containsEntry("claude-*sonnet*", "GigaChat-2-Pro")
                    .containsEntry("gemini-*flash-lite*", "GigaChat-2")
                    .hasSize(29);
        }
    }

    @Nested
    class Patterns {
        private final ModelResolver resolver = new ModelResolver("GigaChat", "Embeddings", true, Map.of());

        @Test
        void claudeNamesDatedOrNotMapByFamily() {
            assertThat(resolver.resolveChat("claude-opus-4-1-20250805")).isEqualTo("GigaChat-2-Max");
            assertThat(resolver.resolveChat("claude-3-opus-latest")).isEqualTo("GigaChat-2-Max");
            assertThat(resolver.resolveChat("claude-sonnet-4-5")).isEqualTo("GigaChat-2-Pro");
            assertThat(resolver.resolveChat("Claude-3-7-Sonnet-20250219")).isEqualTo("GigaChat-2-Pro");
            assertThat(resolver.resolveChat("claude-3-5-haiku-20241022")).isEqualTo("GigaChat-2");
            assertThat(resolver.resolveChat("claude-instant")).isEqualTo("claude-instant");
        }

        @Test
        void theMostSpecificPatternWins() {
            assertThat(resolver.resolveChat("gemini-2.5-flash-lite")).isEqualTo("GigaChat-2");
            assertThat(resolver.resolveChat("gemini-2.5-flash")).isEqualTo("GigaChat-2-Pro");
            assertThat(resolver.resolveChat("gemini-2.5-pro")).isEqualTo("GigaChat-2-Max");
            assertThat(resolver.resolveChat("gemini-flash-latest")).isEqualTo("GigaChat-2-Pro");
        }

        @Test
        void patternsAreConfigurableAndLoseToExactAliases() {
            ModelResolver custom = new ModelResolver("GigaChat", "Embeddings", true, Map.of(
                    "claude-*sonnet*", "GigaChat-2-Max", "claude-sonnet-4-5", "GigaChat-2", "*-mini*", "GigaChat-2",
                    "claude-*haiku*", ""));
            assertThat(custom.resolveChat("claude-sonnet-4-20250514")).isEqualTo("GigaChat-2-Max");
            assertThat(custom.resolveChat("claude-sonnet-4-5")).isEqualTo("GigaChat-2");
            assertThat(custom.resolveChat("claude-3-5-haiku-latest")).isEqualTo("claude-3-5-haiku-latest");
            assertThat(custom.resolveChat("o5-mini-preview")).isEqualTo("GigaChat-2");
            assertThat(custom.resolveChat("gpt-4.1-mini")).as("the exact default alias wins").isEqualTo("GigaChat-2-Pro");
        }

        @Test
        void patternsAreNotListedAsModelsAndMatchWholeNames() {
            assertThat(resolver.aliases()).doesNotContainKey("claude-*opus*");
            assertThat(resolver.aliasPatterns()).containsKeys("claude-*opus*", "gemini-*flash-lite*");
            assertThat(resolver.aliasPatterns().keySet().iterator().next()).isEqualTo("gemini-*flash-lite*");
            assertThat(resolver.resolveChat("my-claude-opus")).as("anchored at the start").isEqualTo("my-claude-opus");
            assertThat(resolver.resolveChat("gemini.2.pro")).as("the dot is literal").isEqualTo("gemini.2.pro");
        }
    }

    @Nested
    class Embeddings {
        @Test
        void embedderIdPassesAndOtherNamesMeanTheEmbeddingsModel() {
            assertThat(passing.resolveEmbeddings("Embeddings-2")).isEqualTo("Embeddings-2");
            assertThat(passing.resolveEmbeddings("GigaEmbeddings-3B-2025-09")).isEqualTo("GigaEmbeddings-3B-2025-09");
            assertThat(passing.resolveEmbeddings("text-embedding-3-large")).isEqualTo("EmbeddingsGigaR");
            assertThat(passing.resolveEmbeddings("GigaChat")).isEqualTo("EmbeddingsGigaR");
            assertThat(passing.resolveEmbeddings(null)).isEqualTo("EmbeddingsGigaR");
        }

        @Test
        void passModelOffAlwaysUsesTheEmbeddingsModel() {
            assertThat(new ModelResolver("GigaChat", "Embeddings", false, Map.of()).resolveEmbeddings("Embeddings-2"))
                    .isEqualTo("Embeddings");
        }
    }

    @Test
    void withoutDefaultsOnlyTheConfiguredAliasesApply() {
        ModelResolver resolver = new ModelResolver("GigaChat", "Embeddings", true, false, Map.of("fast", "GigaChat-2"));

        assertThat(resolver.resolveChat("fast")).isEqualTo("GigaChat-2");
        assertThat(resolver.resolveChat("gpt-4o")).isEqualTo("gpt-4o");
        assertThat(resolver.aliases()).containsOnlyKeys("fast");
    }
}
