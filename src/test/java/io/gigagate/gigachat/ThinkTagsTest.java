package io.gigagate.gigachat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThinkTagsTest {

    @Test
    void aLeadingBlockIsReasoningAndTheRestIsTheAnswer() {
        assertThat(ThinkTags.split("<think>First, 2+2.</think>\n\nIt is 4."))
                .isEqualTo(new ThinkTags.Split("First, 2+2.", "It is 4."));
        assertThat(ThinkTags.split("  \n<think>x</think>y")).isEqualTo(new ThinkTags.Split("x", "y"));
    }

    @Test
    void contentWithoutALeadingBlockIsUntouched() {
        assertThat(ThinkTags.split("It is 4.")).isEqualTo(new ThinkTags.Split(null, "It is 4."));
        assertThat(ThinkTags.split("Use <think> tags like <think>this</think>"))
                .isEqualTo(new ThinkTags.Split(null, "Use <think> tags like <think>this</think>"));
        assertThat(ThinkTags.split("")).isEqualTo(new ThinkTags.Split(null, ""));
        assertThat(ThinkTags.split(null)).isEqualTo(new ThinkTags.Split(null, ""));
        assertThat(ThinkTags.split("<thin")).as("only looked like a tag").isEqualTo(new ThinkTags.Split(null, "<thin"));
    }

    @Test
    void anUnclosedBlockIsAllReasoning() {
        assertThat(ThinkTags.split("<think>still thinking")).isEqualTo(new ThinkTags.Split("still thinking", ""));
    }

    /** Feeds pieces; records what each released, then the finish. */
    private static List<ThinkTags.Split> stream(String... pieces) {
        ThinkTags.Splitter splitter = new ThinkTags.Splitter();
        List<ThinkTags.Split> out = new ArrayList<>();
        for (String piece : pieces) {
            out.add(splitter.accept(piece));
        }
        out.add(splitter.finish());
        return out;
    }

    @Test
    void tagsSplitAcrossPiecesAreFoundAndNothingIsHeldLongerThanATag() {
        List<ThinkTags.Split> out = stream("<th", "ink>Let me ", "see.</thi", "nk>\n", "\nAnswer", " here");

        assertThat(out).containsExactly(
                new ThinkTags.Split("", ""),
                new ThinkTags.Split("Let me ", ""),
                new ThinkTags.Split("see.", ""),
                new ThinkTags.Split("", ""),
                new ThinkTags.Split("", "Answer"),
                new ThinkTags.Split("", " here"),
                new ThinkTags.Split("", ""));
    }

    @Test
    void plainStreamsPassAtOnce() {
        assertThat(stream("Hello", ", world")).containsExactly(
                new ThinkTags.Split("", "Hello"), new ThinkTags.Split("", ", world"), new ThinkTags.Split("", ""));
        assertThat(stream("<", "b>bold</b>")).containsExactly(
                new ThinkTags.Split("", ""), new ThinkTags.Split("", "<b>bold</b>"), new ThinkTags.Split("", ""));
        assertThat(stream("<think>cut off", " mid-thought")).containsExactly(
                new ThinkTags.Split("cut off", ""), new ThinkTags.Split(" mid-thought", ""), new ThinkTags.Split("", ""));
    }
}
