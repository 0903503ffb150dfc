package io.gigagate.gigachat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GigaChat's web search citations: its answer text marks what a source backs with {@code [sources=[1, 2]]}
 * and lists the sources apart ({@code inline_data.sources}: id → url, title). A marker becomes Markdown
 * links, {@code [1](url) [2](url)}, that any client can show, and each link is a {@link Citation} with
 * its place in the text (OpenAI's {@code url_citation}, and what the other fronts build theirs from). A
 * marker naming a source GigaChat did not list keeps its number without a link.
 */
public final class SourceMarkers {

    private static final String START = "[sources=";
    private static final Pattern MARKER = Pattern.compile("\\[sources=\\[([0-9,\\s]*)\\]\\]");

    private SourceMarkers() {
    }

    /** A cited source: its place in the rendered text ({@code [start, end)}), url and title. */
    public record Citation(int start, int end, String url, String title) {
    }

    /** Text with its markers rendered, and the citations in it. */
    public record Rendered(String text, List<Citation> citations) {
    }

    /** Renders every marker of a whole text. */
    public static Rendered render(String text, Map<String, WebSource> sources) {
        if (text == null || !text.contains(START)) {
            return new Rendered(text, List.of());
        }
        StringBuilder out = new StringBuilder();
        List<Citation> citations = new ArrayList<>();
        Matcher m = MARKER.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            links(m.group(1), sources, out, citations, out.length() > 0 ? out.charAt(out.length() - 1) : ' ');
            last = m.end();
        }
        out.append(text, last, text.length());
        return new Rendered(out.toString(), List.copyOf(citations));
    }

    /** Appends the links of one marker; {@code before} is the character the text had before it. */
    private static void links(String ids, Map<String, WebSource> sources, StringBuilder out, List<Citation> citations,
                              char before) {
        for (String raw : ids.split(",")) {
            String id = raw.strip();
            if (id.isEmpty()) {
                continue;
            }
            WebSource source = sources == null ? null : sources.get(id);
            char previous = out.length() > 0 ? out.charAt(out.length() - 1) : before;
            if (!Character.isWhitespace(previous)) {
                out.append(' ');
            }
            int start = out.length();
            if (source == null || source.url() == null) {
                out.append('[').append(id).append(']');
            } else {
                out.append('[').append(id).append("](").append(source.url()).append(')');
                citations.add(new Citation(start, out.length(), source.url(), source.title()));
            }
        }
    }

    /**
     * The same for a stream: text passes at once, except from a {@code [} that may begin a marker until the
     * marker is complete (then rendered with the sources known by then) or proves not to be one.
     */
    public static final class Renderer {

        private final StringBuilder held = new StringBuilder();
        private char lastSent = ' ';
        private int released;

        /** The text this piece releases, markers rendered. */
        public String accept(String piece, Map<String, WebSource> sources) {
            return accept(piece, sources, null);
        }

        /**
         * The same, adding the links it renders to {@code cited} (when not null) with their place in all the
         * text released so far ({@code [start, end)} counted from the first character of the first piece).
         */
        public String accept(String piece, Map<String, WebSource> sources, List<Citation> cited) {
            String out = release(piece, sources, cited);
            released += out.length();
            return out;
        }

        private String release(String piece, Map<String, WebSource> sources, List<Citation> cited) {
            if (piece == null || piece.isEmpty()) {
                return "";
            }
            held.append(piece);
            StringBuilder out = new StringBuilder();
            while (held.length() > 0) {
                int open = held.indexOf("[");
                if (open < 0) {
                    out.append(held);
                    held.setLength(0);
                    break;
                }
                out.append(held, 0, open);
                held.delete(0, open);
                String rest = held.toString();
                Matcher m = MARKER.matcher(rest);
                if (m.lookingAt()) {
                    List<Citation> here = new ArrayList<>();
                    links(m.group(1), sources, out, here, lastSent);
                    if (cited != null) {
                        here.forEach(c -> cited.add(new Citation(released + c.start(), released + c.end(), c.url(),
                                c.title())));
                    }
                    held.delete(0, m.end());
                } else if (couldBecomeMarker(rest)) {
                    break; // wait for more
                } else {
                    out.append('[');
                    held.deleteCharAt(0);
                }
            }
            if (out.length() > 0) {
                lastSent = out.charAt(out.length() - 1);
            }
            return out.toString();
        }

        /** At the end: whatever is held, as it is. */
        public String finish() {
            String rest = held.toString();
            held.setLength(0);
            released += rest.length();
            return rest;
        }

        private static boolean couldBecomeMarker(String rest) {
            if (rest.length() <= START.length()) {
                return START.startsWith(rest);
            }
            if (!rest.startsWith(START)) {
                return false;
            }
            String tail = rest.substring(START.length());
            return tail.matches("\\[[0-9,\\s]*\\]?");
        }
    }
}
