package io.gigagate.gigachat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StopSequencesTest {

    @Nested
    class WholeText {
        @Test
        void cutsAtTheEarliestOfSeveralSequences() {
            assertThat(StopSequences.cut("abc STOP def END", List.of("END", "STOP")))
                    .isEqualTo(new StopSequences.Cut("abc ", true));
        }

        @Test
        void leavesTextWithoutSequencesAlone() {
            assertThat(StopSequences.cut("abc", List.of("x"))).isEqualTo(new StopSequences.Cut("abc", false));
            assertThat(StopSequences.cut("abc", null)).isEqualTo(new StopSequences.Cut("abc", false));
            assertThat(StopSequences.cut("abc", List.of(""))).isEqualTo(new StopSequences.Cut("abc", false));
        }
    }

    @Nested
    class Incremental {
        @Test
        void emitsEverythingWhenThereAreNoSequences() {
            StopSequences.Cutter cutter = new StopSequences.Cutter(List.of());
            assertThat(cutter.accept("hello")).isEqualTo("hello");
            assertThat(cutter.finish()).isEmpty();
        }

        @Test
        void holdsBackOnlyAPossibleStartOfASequence() {
            StopSequences.Cutter cutter = new StopSequences.Cutter(List.of("END"));
            assertThat(cutter.accept("one E")).isEqualTo("one ");
            assertThat(cutter.accept("x two EN")).isEqualTo("Ex two ");
            assertThat(cutter.stopped()).isFalse();
            assertThat(cutter.finish()).isEqualTo("EN");
        }

        @Test
        void stopsWhenASequenceSpansPieces() {
            StopSequences.Cutter cutter = new StopSequences.Cutter(List.of("END"));
            assertThat(cutter.accept("one E")).isEqualTo("one ");
            assertThat(cutter.accept("ND two")).isEmpty();
            assertThat(cutter.stopped()).isTrue();
            assertThat(cutter.accept("more")).isEmpty();
            assertThat(cutter.finish()).isEmpty();
        }

        @Test
        void emitsTheSameTextAsTheWholeTextCutWhateverThePieces() {
            String text = "alpha <|end|> beta";
            List<String> stops = List.of("<|end|>", "zz");
            for (int size = 1; size <= text.length(); size++) {
                StopSequences.Cutter cutter = new StopSequences.Cutter(stops);
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < text.length(); i += size) {
                    out.append(cutter.accept(text.substring(i, Math.min(text.length(), i + size))));
                }
                out.append(cutter.finish());
                assertThat(out.toString()).as("piece size %d", size).isEqualTo("alpha ");
                assertThat(cutter.stopped()).isTrue();
            }
        }
    }
}
