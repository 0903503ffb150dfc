package io.gigagate.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.gigagate.anthropic.AnthropicErrors;
import io.gigagate.anthropic.AnthropicMessage;
import io.gigagate.anthropic.AnthropicRequest;
import io.gigagate.anthropic.AnthropicResponseMapper;
import io.gigagate.anthropic.StopSequenceCutter;
import io.gigagate.anthropic.ToolUseIds;
import io.gigagate.error.GatewayException;
import io.gigagate.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Anthropic's Messages stream: named events, in Anthropic's order, each written as its neutral event comes.
 *
 * <ul>
 *   <li>{@code message_start} first (the message with an empty {@code content}, {@code stop_reason} null and
 *       zero usage: GigaChat tells its token counts only at the end).</li>
 *   <li>{@link StreamEvent.Reasoning} (when the request enabled thinking): a {@code thinking} block,
 *       {@code thinking_delta}s, and a {@code signature_delta} before its {@code content_block_stop}.</li>
 *   <li>{@link StreamEvent.Text}: a {@code text} block ({@code content_block_start} with empty text), then
 *       {@code text_delta}s; the client's {@code stop_sequences} are cut here (only what could start one is
 *       held back) so the end can name the one that matched.</li>
 *   <li>{@link StreamEvent.BuiltIn} (GigaChat's web search): a {@code server_tool_use} block (its input as one
 *       {@code input_json_delta}) and a {@code web_search_tool_result} block; each {@link StreamEvent.Citation}
 *       a {@code citations_delta} of the text block holding its link, once that text is out; the searches
 *       counted in {@code usage.server_tool_use}.</li>
 *   <li>{@link StreamEvent.ToolCall}: a {@code tool_use} block with empty {@code input}, its arguments as one
 *       {@code input_json_delta} ({@code partial_json}), its {@code content_block_stop}.</li>
 *   <li>{@link StreamEvent.Finish} and {@link StreamEvent.Usage}: the open block's {@code content_block_stop},
 *       then {@code message_delta} with {@code stop_reason}, {@code stop_sequence} and the usage (input,
 *       output and cache-read tokens); {@link #end} writes {@code message_stop}.</li>
 *   <li>A failure after the first event: {@code event: error} with Anthropic's error body.</li>
 * </ul>
 */
public final class AnthropicStreamEncoder implements StreamEncoder {

    static final EventStream.EventName MESSAGE_START = EventStream.EventName.of("message_start");
    static final EventStream.EventName BLOCK_START = EventStream.EventName.of("content_block_start");
    static final EventStream.EventName BLOCK_DELTA = EventStream.EventName.of("content_block_delta");
    static final EventStream.EventName BLOCK_STOP = EventStream.EventName.of("content_block_stop");
    static final EventStream.EventName MESSAGE_DELTA = EventStream.EventName.of("message_delta");
    static final EventStream.EventName MESSAGE_STOP = EventStream.EventName.of("message_stop");
    static final EventStream.EventName ERROR = EventStream.EventName.of("error");

    private static final byte[] MESSAGE_STOP_DATA = "{\"type\":\"message_stop\"}".getBytes(StandardCharsets.UTF_8);

    record MessageStart(@JsonProperty("type") String type, @JsonProperty("message") AnthropicMessage message) {
    }

    record BlockStart(@JsonProperty("type") String type, @JsonProperty("index") int index,
                      @JsonProperty("content_block") Object contentBlock) {
    }

    record BlockDelta(@JsonProperty("type") String type, @JsonProperty("index") int index,
                      @JsonProperty("delta") Object delta) {
    }

    record TextDelta(@JsonProperty("type") String type, @JsonProperty("text") String text) {
    }

    record ThinkingDelta(@JsonProperty("type") String type, @JsonProperty("thinking") String thinking) {
    }

    record SignatureDelta(@JsonProperty("type") String type, @JsonProperty("signature") String signature) {
    }

    record InputJsonDelta(@JsonProperty("type") String type, @JsonProperty("partial_json") String partialJson) {
    }

    record CitationsDelta(@JsonProperty("type") String type,
                          @JsonProperty("citation") AnthropicMessage.Citation citation) {
    }

    record BlockStop(@JsonProperty("type") String type, @JsonProperty("index") int index) {
    }

    record MessageDelta(@JsonProperty("type") String type, @JsonProperty("delta") Stop delta,
                        @JsonProperty("usage") AnthropicMessage.Usage usage) {
    }

    record Stop(@JsonProperty("stop_reason") String stopReason,
                @JsonProperty("stop_sequence") @JsonInclude(JsonInclude.Include.ALWAYS) String stopSequence) {
    }

    /** The {@code tool_use} block as it starts: no input yet. */
    record ToolUseStart(@JsonProperty("type") String type, @JsonProperty("id") String id,
                        @JsonProperty("name") String name, @JsonProperty("input") JsonNode input,
                        @JsonProperty("caller") AnthropicMessage.Caller caller) {
    }

    private enum Open { NONE, TEXT, THINKING }

    private final String messageId;
    private final String model;
    private final boolean thinking;
    private final StopSequenceCutter stops;
    private int index = -1;
    private Open open = Open.NONE;
    private boolean toolCalled;
    private String stopReason;
    private boolean delta;
    private final String completionId;
    private int searches;
    private int fetches;
    /** The answer's text sent so far, the open text block's share of it, and citations waiting for their text. */
    private int textSent;
    private int blockTextStart;
    private final StringBuilder blockText = new StringBuilder();
    private final java.util.ArrayDeque<StreamEvent.Citation> citations = new java.util.ArrayDeque<>();

    /**
     * @param ctx     the stream's context (GigaChat's request id is in its completion id)
     * @param request what the front kept of the client's request: its model, stop sequences, thinking
     */
    public AnthropicStreamEncoder(StreamContext ctx, AnthropicRequest request) {
        this.messageId = AnthropicResponseMapper.messageId(ctx.completionId());
        this.completionId = ctx.completionId();
        this.model = request.model();
        this.thinking = request.thinking();
        this.stops = new StopSequenceCutter(request.stopSequences());
    }

    @Override
    public boolean wantsUsage() {
        return true;
    }

    @Override
    public void start(EventStream.Writer out) {
        AnthropicMessage message = new AnthropicMessage(messageId, AnthropicMessage.TYPE, "assistant", model, List.of(),
                null, null, new AnthropicMessage.Usage(0, 0, 0, 0));
        out.event(MESSAGE_START, new MessageStart("message_start", message));
    }

    @Override
    public void encode(StreamEvent event, EventStream.Writer out) {
        if (event instanceof StreamEvent.Text text) {
            text(stops.accept(text.text()), out);
        } else if (event instanceof StreamEvent.Reasoning reasoning) {
            if (thinking && stops.matched() == null && !reasoning.text().isEmpty()) {
                if (open != Open.THINKING) {
                    closeBlock(out);
                    open(Open.THINKING, new AnthropicMessage.Thinking("thinking", "", ""), out);
                }
                out.event(BLOCK_DELTA, new BlockDelta("content_block_delta", index,
                        new ThinkingDelta("thinking_delta", reasoning.text())));
            }
        } else if (event instanceof StreamEvent.ToolCall call) {
            if (stops.matched() == null) {
                toolCall(call, out);
            }
        } else if (event instanceof StreamEvent.BuiltIn builtIn) {
            if (stops.matched() == null) {
                builtIn(builtIn.call(), out);
            }
        } else if (event instanceof StreamEvent.Citation citation) {
            citations.add(citation);
            citations(out);
        } else if (event instanceof StreamEvent.Finish finish) {
            text(stops.finish(), out);
            closeBlock(out);
            stopReason = stops.matched() != null ? "stop_sequence" : AnthropicResponseMapper.stopReason(
                    finishReason(finish.reason()), toolCalled);
        } else if (event instanceof StreamEvent.Usage usage) {
            messageDelta(AnthropicMessage.Usage.of(usage.promptTokens(), usage.completionTokens(), usage.cachedTokens())
                    .withServerTools(searches, fetches), out);
        }
    }

    @Override
    public void end(EventStream.Writer out) {
        if (!delta) { // no usage came: the stop reason still goes out
            closeBlock(out);
            messageDelta(new AnthropicMessage.Usage(0, 0, 0, 0).withServerTools(searches, fetches), out);
        }
        out.event(MESSAGE_STOP, MESSAGE_STOP_DATA);
    }

    @Override
    public void error(GatewayException error, EventStream.Writer out) {
        out.event(ERROR, AnthropicErrors.INSTANCE.body(error));
    }

    private void text(String text, EventStream.Writer out) {
        if (text.isEmpty()) {
            return;
        }
        if (open != Open.TEXT) {
            closeBlock(out);
            open(Open.TEXT, new AnthropicMessage.Text(""), out);
            blockTextStart = textSent;
            blockText.setLength(0);
        }
        out.event(BLOCK_DELTA, new BlockDelta("content_block_delta", index, new TextDelta("text_delta", text)));
        textSent += text.length();
        blockText.append(text);
        citations(out);
    }

    /** The citations whose link has gone out in the open text block, as {@code citations_delta}s. */
    private void citations(EventStream.Writer out) {
        while (!citations.isEmpty() && citations.peek().end() <= textSent) {
            StreamEvent.Citation c = citations.poll();
            int start = c.start() - blockTextStart;
            int end = c.end() - blockTextStart;
            if (open == Open.TEXT && start >= 0 && start <= end) {
                out.event(BLOCK_DELTA, new BlockDelta("content_block_delta", index, new CitationsDelta(
                        "citations_delta", AnthropicResponseMapper.citation(c.url(), c.title(),
                                blockText.substring(start, end)))));
            }
        }
    }

    /** What GigaChat's own tool did: its {@code server_tool_use} block (input as one delta) and its result block. */
    private void builtIn(io.gigagate.openai.ChatCompletion.BuiltInCall call, EventStream.Writer out) {
        closeBlock(out);
        List<AnthropicMessage.Block> blocks = AnthropicResponseMapper.builtInBlocks(call,
                AnthropicResponseMapper.serverToolUseId(completionId, index + 1));
        for (AnthropicMessage.Block block : blocks) {
            index++;
            if (block instanceof AnthropicMessage.ServerToolUse use) {
                out.event(BLOCK_START, new BlockStart("content_block_start", index, new AnthropicMessage.ServerToolUse(
                        use.type(), use.id(), use.name(), WireJson.mapper().createObjectNode(), use.caller())));
                out.event(BLOCK_DELTA, new BlockDelta("content_block_delta", index,
                        new InputJsonDelta("input_json_delta", use.input().toString())));
            } else {
                out.event(BLOCK_START, new BlockStart("content_block_start", index, block));
            }
            out.event(BLOCK_STOP, new BlockStop("content_block_stop", index));
        }
        if (!blocks.isEmpty() && call instanceof io.gigagate.openai.ChatCompletion.WebSearchCall) {
            searches++;
        }
        if (!blocks.isEmpty() && call instanceof io.gigagate.openai.ChatCompletion.UrlFetchCall) {
            fetches++;
        }
    }

    private void toolCall(StreamEvent.ToolCall call, EventStream.Writer out) {
        closeBlock(out);
        index++;
        toolCalled = true;
        out.event(BLOCK_START, new BlockStart("content_block_start", index, new ToolUseStart("tool_use",
                ToolUseIds.toAnthropic(call.id()), call.name(), WireJson.mapper().createObjectNode(),
                AnthropicMessage.Caller.DIRECT)));
        String arguments = AnthropicResponseMapper.input(call.arguments()).toString();
        out.event(BLOCK_DELTA, new BlockDelta("content_block_delta", index,
                new InputJsonDelta("input_json_delta", arguments)));
        out.event(BLOCK_STOP, new BlockStop("content_block_stop", index));
    }

    private void open(Open kind, AnthropicMessage.Block block, EventStream.Writer out) {
        index++;
        open = kind;
        out.event(BLOCK_START, new BlockStart("content_block_start", index, block));
    }

    private void closeBlock(EventStream.Writer out) {
        if (open == Open.THINKING) {
            out.event(BLOCK_DELTA, new BlockDelta("content_block_delta", index,
                    new SignatureDelta("signature_delta", AnthropicMessage.Thinking.SIGNATURE)));
        }
        if (open != Open.NONE) {
            out.event(BLOCK_STOP, new BlockStop("content_block_stop", index));
            open = Open.NONE;
        }
    }

    private void messageDelta(AnthropicMessage.Usage usage, EventStream.Writer out) {
        if (delta) {
            return;
        }
        delta = true;
        out.event(MESSAGE_DELTA, new MessageDelta("message_delta",
                new Stop(stopReason == null ? "end_turn" : stopReason, stops.matched()), usage));
    }

    private static String finishReason(StreamEvent.FinishReason reason) {
        return switch (reason) {
            case STOP -> "stop";
            case LENGTH -> "length";
            case TOOL_CALLS -> "tool_calls";
            case CONTENT_FILTER -> "content_filter";
        };
    }
}
