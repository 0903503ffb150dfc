package io.gigagate.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.error.GatewayException;
import io.gigagate.responses.ResponseDraft;
import io.gigagate.responses.ResponseIds;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Responses API's stream: named events ({@code event: response.output_text.delta}) whose data carries
 * the same {@code type} and a strictly increasing {@code sequence_number}, in OpenAI's order:
 * {@code response.created}, {@code response.in_progress}, then per output item
 * {@code response.output_item.added}, its parts and deltas, their {@code .done}s and
 * {@code response.output_item.done}; reasoning as a {@code reasoning} item with a summary, function calls
 * with {@code response.function_call_arguments.delta}/{@code .done}; GigaChat's web search as a
 * {@code web_search_call} item ({@code response.web_search_call.in_progress}/{@code .searching}/{@code .completed})
 * and its citations as {@code response.output_text.annotation.added} (and on the done part); a drawn image as
 * an {@code image_generation_call} item ({@code response.image_generation_call.in_progress}/{@code .generating}/
 * {@code .completed}, the base64 JPEG in the done item's {@code result}); custom tool calls with
 * {@code response.custom_tool_call_input.delta}/{@code .done}; and last {@code response.completed} or
 * {@code response.incomplete} with the whole response (no {@code [DONE]}). A failure after the first event
 * is {@code response.failed}. The finished response goes to {@code onFinished} (to be stored).
 */
public final class ResponsesStreamEncoder implements StreamEncoder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<Object> NO_LOGPROBS = List.of();

    private static final EventStream.EventName CREATED = EventStream.EventName.of("response.created");
    private static final EventStream.EventName IN_PROGRESS = EventStream.EventName.of("response.in_progress");
    private static final EventStream.EventName ITEM_ADDED = EventStream.EventName.of("response.output_item.added");
    private static final EventStream.EventName ITEM_DONE = EventStream.EventName.of("response.output_item.done");
    private static final EventStream.EventName PART_ADDED = EventStream.EventName.of("response.content_part.added");
    private static final EventStream.EventName PART_DONE = EventStream.EventName.of("response.content_part.done");
    private static final EventStream.EventName TEXT_DELTA = EventStream.EventName.of("response.output_text.delta");
    private static final EventStream.EventName TEXT_DONE = EventStream.EventName.of("response.output_text.done");
    private static final EventStream.EventName SUMMARY_PART_ADDED =
            EventStream.EventName.of("response.reasoning_summary_part.added");
    private static final EventStream.EventName SUMMARY_PART_DONE =
            EventStream.EventName.of("response.reasoning_summary_part.done");
    private static final EventStream.EventName SUMMARY_DELTA =
            EventStream.EventName.of("response.reasoning_summary_text.delta");
    private static final EventStream.EventName SUMMARY_DONE =
            EventStream.EventName.of("response.reasoning_summary_text.done");
    private static final EventStream.EventName ARGUMENTS_DELTA =
            EventStream.EventName.of("response.function_call_arguments.delta");
    private static final EventStream.EventName ARGUMENTS_DONE =
            EventStream.EventName.of("response.function_call_arguments.done");
    private static final EventStream.EventName CUSTOM_INPUT_DELTA =
            EventStream.EventName.of("response.custom_tool_call_input.delta");
    private static final EventStream.EventName CUSTOM_INPUT_DONE =
            EventStream.EventName.of("response.custom_tool_call_input.done");
    private static final EventStream.EventName ANNOTATION_ADDED =
            EventStream.EventName.of("response.output_text.annotation.added");
    private static final EventStream.EventName SEARCH_IN_PROGRESS =
            EventStream.EventName.of("response.web_search_call.in_progress");
    private static final EventStream.EventName SEARCH_SEARCHING =
            EventStream.EventName.of("response.web_search_call.searching");
    private static final EventStream.EventName SEARCH_COMPLETED =
            EventStream.EventName.of("response.web_search_call.completed");
    private static final EventStream.EventName IMAGE_IN_PROGRESS =
            EventStream.EventName.of("response.image_generation_call.in_progress");
    private static final EventStream.EventName IMAGE_GENERATING =
            EventStream.EventName.of("response.image_generation_call.generating");
    private static final EventStream.EventName IMAGE_COMPLETED =
            EventStream.EventName.of("response.image_generation_call.completed");
    private static final EventStream.EventName CODE_IN_PROGRESS =
            EventStream.EventName.of("response.code_interpreter_call.in_progress");
    private static final EventStream.EventName CODE_DELTA =
            EventStream.EventName.of("response.code_interpreter_call_code.delta");
    private static final EventStream.EventName CODE_DONE =
            EventStream.EventName.of("response.code_interpreter_call_code.done");
    private static final EventStream.EventName CODE_INTERPRETING =
            EventStream.EventName.of("response.code_interpreter_call.interpreting");
    private static final EventStream.EventName CODE_COMPLETED =
            EventStream.EventName.of("response.code_interpreter_call.completed");
    private static final EventStream.EventName COMPLETED = EventStream.EventName.of("response.completed");
    private static final EventStream.EventName INCOMPLETE = EventStream.EventName.of("response.incomplete");
    private static final EventStream.EventName FAILED = EventStream.EventName.of("response.failed");

    /** The most frequent event, written from a record rather than a tree. */
    @JsonPropertyOrder({"type", "sequence_number", "item_id", "output_index", "content_index", "delta", "logprobs"})
    record TextDelta(@JsonProperty("type") String type, @JsonProperty("sequence_number") long sequenceNumber,
                     @JsonProperty("item_id") String itemId, @JsonProperty("output_index") int outputIndex,
                     @JsonProperty("content_index") int contentIndex, @JsonProperty("delta") String delta,
                     @JsonProperty("logprobs") List<Object> logprobs) {
    }

    /** A reasoning summary's delta, as a record too. */
    @JsonPropertyOrder({"type", "sequence_number", "item_id", "output_index", "summary_index", "delta"})
    record SummaryDelta(@JsonProperty("type") String type, @JsonProperty("sequence_number") long sequenceNumber,
                        @JsonProperty("item_id") String itemId, @JsonProperty("output_index") int outputIndex,
                        @JsonProperty("summary_index") int summaryIndex, @JsonProperty("delta") String delta) {
    }

    private enum Open { NONE, REASONING, MESSAGE }

    private final ResponseDraft draft;
    private final Consumer<ObjectNode> onFinished;
    private final List<ObjectNode> output = new ArrayList<>();
    private long sequence;
    private Open open = Open.NONE;
    private String openId;
    private final StringBuilder openText = new StringBuilder();
    private final List<ObjectNode> openAnnotations = new ArrayList<>();
    /** The answer's text so far, over all message items, and where the open message's text began in it. */
    private int textSent;
    private int openTextStart;
    private ResponseDraft.Ending ending = ResponseDraft.Ending.COMPLETED;
    private ObjectNode usage = ResponseDraft.usage(0, 0, 0, 0, 0);

    /**
     * @param draft      the response being made (id, settings, custom tools)
     * @param onFinished takes the finished response (completed or incomplete), before its last event leaves; when
     *                   it throws a {@link GatewayException} (the response could not be stored), the stream ends
     *                   with {@code response.failed} carrying that error instead
     */
    public ResponsesStreamEncoder(ResponseDraft draft, Consumer<ObjectNode> onFinished) {
        this.draft = draft;
        this.onFinished = onFinished == null ? response -> { } : onFinished;
    }

    @Override
    public boolean wantsUsage() {
        return true;
    }

    @Override
    public void start(EventStream.Writer out) {
        ObjectNode response = draft.inProgress();
        out.event(CREATED, event(CREATED).set("response", response));
        out.event(IN_PROGRESS, event(IN_PROGRESS).set("response", response));
    }

    @Override
    public void encode(StreamEvent event, EventStream.Writer out) {
        if (event instanceof StreamEvent.Text text) {
            text(text.text(), out);
        } else if (event instanceof StreamEvent.Reasoning reasoning) {
            reasoning(reasoning.text(), out);
        } else if (event instanceof StreamEvent.ToolCall call) {
            close(out);
            call(call, out);
        } else if (event instanceof StreamEvent.BuiltIn builtIn) {
            close(out);
            builtIn(builtIn.call(), out);
        } else if (event instanceof StreamEvent.Citation citation) {
            citation(citation, out);
        } else if (event instanceof StreamEvent.Finish finish) {
            close(out);
            ending = switch (finish.reason()) {
                case LENGTH -> ResponseDraft.Ending.MAX_OUTPUT_TOKENS;
                case CONTENT_FILTER -> ResponseDraft.Ending.CONTENT_FILTER;
                default -> ResponseDraft.Ending.COMPLETED;
            };
        } else if (event instanceof StreamEvent.Usage u) {
            usage = ResponseDraft.usage(u.promptTokens(), u.completionTokens(), u.totalTokens(), u.cachedTokens(),
                    u.reasoningTokens());
        }
    }

    @Override
    public void end(EventStream.Writer out) {
        close(out);
        ObjectNode response = draft.finished(output, ending, usage);
        try {
            onFinished.accept(response);
        } catch (GatewayException e) {
            // it could not be stored (a shared store that went down): the stream fails rather than completing
            // with an id that would be a 404 later
            error(e, out);
            return;
        }
        EventStream.EventName name = ending == ResponseDraft.Ending.COMPLETED ? COMPLETED : INCOMPLETE;
        out.event(name, event(name).set("response", response));
    }

    @Override
    public void error(GatewayException error, EventStream.Writer out) {
        ObjectNode response = draft.failed(output, error.code(), error.getMessage());
        out.event(FAILED, event(FAILED).set("response", response));
    }

    private void text(String text, EventStream.Writer out) {
        if (text.isEmpty()) {
            return;
        }
        if (open != Open.MESSAGE) {
            close(out);
            open = Open.MESSAGE;
            openId = ResponseIds.message();
            openTextStart = textSent;
            out.event(ITEM_ADDED, event(ITEM_ADDED).put("output_index", output.size())
                    .set("item", ResponseDraft.messageItem(openId, null, "in_progress")));
            out.event(PART_ADDED, itemEvent(PART_ADDED).put("content_index", 0)
                    .set("part", ResponseDraft.outputText("")));
        }
        openText.append(text);
        textSent += text.length();
        out.event(TEXT_DELTA, new TextDelta(TEXT_DELTA.toString(), sequence++, openId, output.size(), 0, text,
                NO_LOGPROBS));
    }

    private void reasoning(String text, EventStream.Writer out) {
        if (text.isEmpty()) {
            return;
        }
        if (open != Open.REASONING) {
            close(out);
            open = Open.REASONING;
            openId = ResponseIds.reasoning();
            out.event(ITEM_ADDED, event(ITEM_ADDED).put("output_index", output.size())
                    .set("item", ResponseDraft.reasoningItem(openId, null)));
            out.event(SUMMARY_PART_ADDED, itemEvent(SUMMARY_PART_ADDED).put("summary_index", 0)
                    .set("part", ResponseDraft.summaryText("")));
        }
        openText.append(text);
        out.event(SUMMARY_DELTA, new SummaryDelta(SUMMARY_DELTA.toString(), sequence++, openId, output.size(), 0, text));
    }

    /** Ends the open reasoning or message item: its {@code .done} events, then it joins the output. */
    private void close(EventStream.Writer out) {
        if (open == Open.NONE) {
            return;
        }
        String text = openText.toString();
        ObjectNode item;
        if (open == Open.MESSAGE) {
            out.event(TEXT_DONE, itemEvent(TEXT_DONE).put("content_index", 0).put("text", text)
                    .set("logprobs", NODES.arrayNode()));
            ObjectNode part = ResponseDraft.outputText(text);
            ((com.fasterxml.jackson.databind.node.ArrayNode) part.get("annotations")).addAll(openAnnotations);
            out.event(PART_DONE, itemEvent(PART_DONE).put("content_index", 0).set("part", part));
            item = ResponseDraft.messageItem(openId, null, "completed");
            item.withArray("content").add(part.deepCopy());
        } else {
            out.event(SUMMARY_DONE, itemEvent(SUMMARY_DONE).put("summary_index", 0).put("text", text));
            out.event(SUMMARY_PART_DONE, itemEvent(SUMMARY_PART_DONE).put("summary_index", 0)
                    .set("part", ResponseDraft.summaryText(text)));
            item = ResponseDraft.reasoningItem(openId, text);
        }
        out.event(ITEM_DONE, event(ITEM_DONE).put("output_index", output.size()).set("item", item));
        output.add(item);
        open = Open.NONE;
        openId = null;
        openText.setLength(0);
        openAnnotations.clear();
    }

    /** What GigaChat's own tool did, as its item: a {@code web_search_call} with its progress events. */
    private void builtIn(io.gigagate.openai.ChatCompletion.BuiltInCall call, EventStream.Writer out) {
        String itemId;
        ObjectNode added;
        ObjectNode done;
        List<EventStream.EventName> progress;
        if (call instanceof io.gigagate.openai.ChatCompletion.WebSearchCall search) {
            itemId = ResponseIds.webSearchCall();
            added = ResponseDraft.webSearchItem(itemId, search, "in_progress");
            done = ResponseDraft.webSearchItem(itemId, search, "completed");
            progress = List.of(SEARCH_IN_PROGRESS, SEARCH_SEARCHING, SEARCH_COMPLETED);
        } else if (call instanceof io.gigagate.openai.ChatCompletion.ImageCall image) {
            itemId = ResponseIds.imageGenerationCall();
            added = ResponseDraft.imageItem(itemId, image, "in_progress");
            done = ResponseDraft.imageItem(itemId, image, "completed");
            progress = List.of(IMAGE_IN_PROGRESS, IMAGE_GENERATING, IMAGE_COMPLETED);
        } else if (call instanceof io.gigagate.openai.ChatCompletion.CodeCall code) {
            code(code, out);
            return;
        } else {
            return;
        }
        int index = output.size();
        out.event(ITEM_ADDED, event(ITEM_ADDED).put("output_index", index).set("item", added));
        for (EventStream.EventName name : progress) {
            out.event(name, event(name).put("item_id", itemId).put("output_index", index));
        }
        out.event(ITEM_DONE, event(ITEM_DONE).put("output_index", index).set("item", done));
        output.add(done);
    }

    /**
     * The code GigaChat's interpreter ran: its item, the code as one delta, then its logs on the done item (no
     * code events when the code is unknown).
     */
    private void code(io.gigagate.openai.ChatCompletion.CodeCall code, EventStream.Writer out) {
        String itemId = ResponseIds.codeInterpreterCall();
        int index = output.size();
        String text = code.code() == null ? "" : code.code();
        out.event(ITEM_ADDED, event(ITEM_ADDED).put("output_index", index)
                .set("item", ResponseDraft.codeItem(itemId, code, "in_progress")));
        out.event(CODE_IN_PROGRESS, event(CODE_IN_PROGRESS).put("item_id", itemId).put("output_index", index));
        if (code.code() != null) { // else GigaChat only said that its interpreter ran
            out.event(CODE_DELTA, event(CODE_DELTA).put("item_id", itemId).put("output_index", index).put("delta", text));
            out.event(CODE_DONE, event(CODE_DONE).put("item_id", itemId).put("output_index", index).put("code", text));
        }
        out.event(CODE_INTERPRETING, event(CODE_INTERPRETING).put("item_id", itemId).put("output_index", index));
        out.event(CODE_COMPLETED, event(CODE_COMPLETED).put("item_id", itemId).put("output_index", index));
        ObjectNode done = ResponseDraft.codeItem(itemId, code, "completed");
        out.event(ITEM_DONE, event(ITEM_DONE).put("output_index", index).set("item", done));
        output.add(done);
    }

    /** A cited page: an annotation of the open message's text, when its link is in that text. */
    private void citation(StreamEvent.Citation citation, EventStream.Writer out) {
        int start = citation.start() - openTextStart;
        int end = citation.end() - openTextStart;
        if (open != Open.MESSAGE || start < 0 || end > openText.length()) {
            return;
        }
        ObjectNode annotation = ResponseDraft.urlCitation(start, end, citation.url(), citation.title());
        out.event(ANNOTATION_ADDED, itemEvent(ANNOTATION_ADDED).put("content_index", 0)
                .put("annotation_index", openAnnotations.size()).set("annotation", annotation));
        openAnnotations.add(annotation);
    }

    /** One whole call (GigaChat sends a call in one piece): added, one delta, done. */
    private void call(StreamEvent.ToolCall call, EventStream.Writer out) {
        ObjectNode done = draft.callItem(call.id(), call.name(), call.arguments(), "completed");
        ObjectNode added = done.deepCopy().put("status", "in_progress");
        String itemId = done.path("id").asText();
        int index = output.size();
        boolean custom = "custom_tool_call".equals(done.path("type").asText());
        String payload = custom ? done.path("input").asText() : done.path("arguments").asText();
        added.put(custom ? "input" : "arguments", "");
        out.event(ITEM_ADDED, event(ITEM_ADDED).put("output_index", index).set("item", added));
        EventStream.EventName delta = custom ? CUSTOM_INPUT_DELTA : ARGUMENTS_DELTA;
        out.event(delta, event(delta).put("item_id", itemId).put("output_index", index).put("delta", payload));
        if (custom) {
            out.event(CUSTOM_INPUT_DONE, event(CUSTOM_INPUT_DONE).put("item_id", itemId).put("output_index", index)
                    .put("input", payload));
        } else {
            out.event(ARGUMENTS_DONE, event(ARGUMENTS_DONE).put("item_id", itemId).put("output_index", index)
                    .put("name", call.name()).put("arguments", payload));
        }
        out.event(ITEM_DONE, event(ITEM_DONE).put("output_index", index).set("item", done));
        output.add(done);
    }

    /** An event's data: its type and the next sequence number. */
    private ObjectNode event(EventStream.EventName name) {
        return NODES.objectNode().put("type", name.toString()).put("sequence_number", sequence++);
    }

    /** An event about the open item: type, sequence number, item id, output index. */
    private ObjectNode itemEvent(EventStream.EventName name) {
        return event(name).put("item_id", openId).put("output_index", output.size());
    }
}
