package io.gigagate.gigachat;

/**
 * Reasoning that a model writes into its answer as {@code <think>…</think>} at the start of the content:
 * it is moved out of the answer into the reasoning text, so it never reaches a client as part of the
 * answer. Only a block at the very start counts (after whitespace); a later {@code <think>} is text.
 * A block that never closes is all reasoning.
 */
public final class ThinkTags {

    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";

    private ThinkTags() {
    }

    /** Reasoning and answer text of one content. */
    public record Split(String reasoning, String text) {
    }

    /** Splits a whole content; {@code reasoning} is null when it starts with no think block. */
    public static Split split(String content) {
        Splitter splitter = new Splitter();
        Split head = splitter.accept(content == null ? "" : content);
        Split tail = splitter.finish();
        String reasoning = join(head.reasoning(), tail.reasoning());
        return new Split(reasoning.isEmpty() && !splitter.sawBlock ? null : reasoning, join(head.text(), tail.text()));
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + b;
    }

    /**
     * The same for a stream, piece by piece: holds back only what might still be the start of a tag,
     * so text and reasoning leave as soon as they are known. One instance per stream.
     */
    public static final class Splitter {

        private enum State { START, REASONING, AFTER, TEXT }

        private State state = State.START;
        private final StringBuilder held = new StringBuilder();
        private boolean sawBlock;

        /** The reasoning and text this piece releases (either may be empty). */
        public Split accept(String piece) {
            if (piece == null || piece.isEmpty()) {
                return new Split("", "");
            }
            if (state == State.TEXT) {
                return new Split("", piece);
            }
            held.append(piece);
            StringBuilder reasoning = new StringBuilder();
            StringBuilder text = new StringBuilder();
            boolean progress = true;
            while (progress) {
                progress = false;
                switch (state) {
                    case START -> {
                        int start = firstNonSpace(held);
                        String rest = held.substring(start);
                        if (rest.startsWith(OPEN)) {
                            sawBlock = true;
                            held.delete(0, start + OPEN.length());
                            state = State.REASONING;
                            progress = true;
                        } else if (!rest.isEmpty() && !OPEN.startsWith(rest)) {
                            text.append(held);
                            held.setLength(0);
                            state = State.TEXT;
                        }
                    }
                    case REASONING -> {
                        int close = held.indexOf(CLOSE);
                        if (close >= 0) {
                            reasoning.append(held, 0, close);
                            held.delete(0, close + CLOSE.length());
                            state = State.AFTER;
                            progress = true;
                        } else {
                            int keep = partialTagSuffix(held, CLOSE);
                            reasoning.append(held, 0, held.length() - keep);
                            held.delete(0, held.length() - keep);
                        }
                    }
                    case AFTER -> { // the whitespace between the block and the answer is dropped
                        int start = firstNonSpace(held);
                        held.delete(0, start);
                        if (held.length() > 0) {
                            text.append(held);
                            held.setLength(0);
                            state = State.TEXT;
                        }
                    }
                    default -> {
                        text.append(held);
                        held.setLength(0);
                    }
                }
            }
            return new Split(reasoning.toString(), text.toString());
        }

        /** At the end: what is still held (an unclosed block is reasoning, an unfinished tag is text). */
        public Split finish() {
            String rest = held.toString();
            held.setLength(0);
            State was = state;
            state = State.TEXT;
            return switch (was) {
                case REASONING -> new Split(rest, "");
                case AFTER -> new Split("", "");
                default -> new Split("", rest);
            };
        }

        private static int firstNonSpace(CharSequence s) {
            int i = 0;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return i;
        }

        /** How many characters at the end of {@code s} could begin {@code tag}. */
        private static int partialTagSuffix(CharSequence s, String tag) {
            for (int n = Math.min(tag.length() - 1, s.length()); n > 0; n--) {
                if (tag.startsWith(s.subSequence(s.length() - n, s.length()).toString())) {
                    return n;
                }
            }
            return 0;
        }
    }
}
