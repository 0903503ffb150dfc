package io.gigagate.stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gigagate.error.GatewayException;
import io.gigagate.responses.ResponseDraft;
import io.gigagate.responses.ResponseIds;
import io.gigagate.wire.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * is {@code response.failed}. The finished response goes to {@code onFinished} as the JSON the last event carries
 * (to be stored).
 */
public final class ResponsesStreamEncoder implements StreamEncoder {

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

    /** The names the frequent events repeat, encoded once. */
    private static final SerializableString TYPE = new SerializedString("type");
    private static final SerializableString SEQUENCE_NUMBER = new SerializedString("sequence_number");
    private static final SerializableString ITEM_ID = new SerializedString("item_id");
    private static final SerializableString OUTPUT_INDEX = new SerializedString("output_index");
    private static final SerializableString CONTENT_INDEX = new SerializedString("content_index");
    private static final SerializableString DELTA = new SerializedString("delta");
    private static final SerializableString LOGPROBS = new SerializedString("logprobs");
    private static final byte[] ITEM = EventStream.Writer.fieldName("item");
    private static final byte[] TEXT_FIELD = EventStream.Writer.fieldName("text");
    private static final byte[] PART = EventStream.Writer.fieldName("part");
    private static final byte[] CLOSE = {'}'};

    private enum Open { NONE, REASONING, MESSAGE }

    private final ResponseDraft draft;
    private final Consumer<byte[]> onFinished;
    /** The output items so far, each as the JSON its {@code response.output_item.done} carried. */
    private final List<byte[]> output = new ArrayList<>();
    private long sequence;
    private Open open = Open.NONE;
    /** The open item's id, encoded once for its events. */
    private SerializedString openId;
    private final StringBuilder openText = new StringBuilder();
    private final List<ObjectNode> openAnnotations = new ArrayList<>();
    /** The answer's text so far, over all message items, and where the open message's text began in it. */
    private int textSent;
    private int openTextStart;
    private ResponseDraft.Ending ending = ResponseDraft.Ending.COMPLETED;
    private byte[] usage = ResponseDraft.usage(0, 0, 0, 0, 0);

    /**
     * @param draft      the response being made (id, settings, custom tools)
     * @param onFinished takes the finished response (completed or incomplete), before its last event leaves; when
     *                   it throws a {@link GatewayException} (the response could not be stored), the stream ends
     *                   with {@code response.failed} carrying that error instead
     */
    public ResponsesStreamEncoder(ResponseDraft draft, Consumer<byte[]> onFinished) {
        this.draft = draft;
        this.onFinished = onFinished == null ? response -> { } : onFinished;
    }

    @Override
    public boolean wantsUsage() {
        return true;
    }

    @Override
    public void start(EventStream.Writer out) {
        byte[] response = draft.inProgress(); // written once for both events
        withResponse(out, CREATED, response);
        withResponse(out, IN_PROGRESS, response);
    }

    @Override
    public void encode(StreamEvent event, EventStream.Writer out) {
        try {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e); // written into memory: not expected
        }
    }

    @Override
    public void end(EventStream.Writer out) {
        try {
            close(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] response = draft.finished(output, ending, usage); // stored and sent as is
        try {
            onFinished.accept(response);
        } catch (GatewayException e) {
            // it could not be stored (a shared store that went down): the stream fails rather than completing
            // with an id that would be a 404 later
            error(e, out);
            return;
        }
        EventStream.EventName name = ending == ResponseDraft.Ending.COMPLETED ? COMPLETED : INCOMPLETE;
        withResponse(out, name, response);
    }

    @Override
    public void error(GatewayException error, EventStream.Writer out) {
        withResponse(out, FAILED, draft.failed(output, error.code(), error.getMessage()));
    }

    private void text(String text, EventStream.Writer out) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        if (open != Open.MESSAGE) {
            close(out);
            open = Open.MESSAGE;
            openId = new SerializedString(ResponseIds.message());
            openTextStart = textSent;
            itemEvent(out, ITEM_ADDED, ResponseDraft.messageItem(openId, "in_progress", null));
            JsonGenerator part = beginItem(out, PART_ADDED);
            part.writeFieldName(CONTENT_INDEX);
            part.writeNumber(0);
            out.field(PART, ResponseDraft.emptyTextPart());
            end(out, part);
        }
        openText.append(text);
        textSent += text.length();
        JsonGenerator delta = beginItem(out, TEXT_DELTA);
        delta.writeFieldName(CONTENT_INDEX);
        delta.writeNumber(0);
        delta.writeFieldName(DELTA);
        delta.writeString(text);
        delta.writeFieldName(LOGPROBS);
        delta.writeStartArray();
        delta.writeEndArray();
        end(out, delta);
    }

    private void reasoning(String text, EventStream.Writer out) throws IOException {
        if (text.isEmpty()) {
            return;
        }
        if (open != Open.REASONING) {
            close(out);
            open = Open.REASONING;
            openId = new SerializedString(ResponseIds.reasoning());
            itemEvent(out, ITEM_ADDED, WireJson.bytes(ResponseDraft.reasoningItem(openId.getValue(), null)));
            JsonGenerator part = beginItem(out, SUMMARY_PART_ADDED);
            part.writeNumberField("summary_index", 0);
            part.writeFieldName("part");
            WireJson.writeTree(part, ResponseDraft.summaryText(""));
            end(out, part);
        }
        openText.append(text);
        JsonGenerator delta = beginItem(out, SUMMARY_DELTA);
        delta.writeNumberField("summary_index", 0);
        delta.writeStringField("delta", text);
        end(out, delta);
    }

    /** Ends the open reasoning or message item: its {@code .done} events, then it joins the output. */
    private void close(EventStream.Writer out) throws IOException {
        if (open == Open.NONE) {
            return;
        }
        String text = openText.toString();
        byte[] item;
        if (open == Open.MESSAGE) {
            // the text is escaped once, for its .done event, its part, its item and the response
            byte[] quoted = WireJson.quoted(text);
            JsonGenerator done = beginItem(out, TEXT_DONE);
            done.writeFieldName(CONTENT_INDEX);
            done.writeNumber(0);
            out.field(TEXT_FIELD, quoted);
            done.writeFieldName(LOGPROBS);
            done.writeStartArray();
            done.writeEndArray();
            end(out, done);
            byte[] part = ResponseDraft.outputTextPart(quoted, openAnnotations);
            JsonGenerator partDone = beginItem(out, PART_DONE);
            partDone.writeFieldName(CONTENT_INDEX);
            partDone.writeNumber(0);
            out.field(PART, part);
            end(out, partDone);
            item = ResponseDraft.messageItem(openId, "completed", part);
        } else {
            JsonGenerator done = beginItem(out, SUMMARY_DONE);
            done.writeNumberField("summary_index", 0);
            done.writeStringField("text", text);
            end(out, done);
            JsonGenerator partDone = beginItem(out, SUMMARY_PART_DONE);
            partDone.writeNumberField("summary_index", 0);
            partDone.writeFieldName("part");
            WireJson.writeTree(partDone, ResponseDraft.summaryText(text));
            end(out, partDone);
            item = WireJson.bytes(ResponseDraft.reasoningItem(openId.getValue(), text));
        }
        doneItem(out, item);
        open = Open.NONE;
        openId = null;
        openText.setLength(0);
        openAnnotations.clear();
    }

    /** What GigaChat's own tool did, as its item: a {@code web_search_call} with its progress events. */
    private void builtIn(io.gigagate.openai.ChatCompletion.BuiltInCall call, EventStream.Writer out)
            throws IOException {
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
        itemEvent(out, ITEM_ADDED, WireJson.bytes(added));
        for (EventStream.EventName name : progress) {
            end(out, beginItem(out, name, itemId));
        }
        doneItem(out, WireJson.bytes(done));
    }

    /**
     * The code GigaChat's interpreter ran: its item, the code as one delta, then its logs on the done item (no
     * code events when the code is unknown).
     */
    private void code(io.gigagate.openai.ChatCompletion.CodeCall code, EventStream.Writer out) throws IOException {
        String itemId = ResponseIds.codeInterpreterCall();
        itemEvent(out, ITEM_ADDED, WireJson.bytes(ResponseDraft.codeItem(itemId, code, "in_progress")));
        end(out, beginItem(out, CODE_IN_PROGRESS, itemId));
        if (code.code() != null) { // else GigaChat only said that its interpreter ran
            JsonGenerator delta = beginItem(out, CODE_DELTA, itemId);
            delta.writeStringField("delta", code.code());
            end(out, delta);
            JsonGenerator done = beginItem(out, CODE_DONE, itemId);
            done.writeStringField("code", code.code());
            end(out, done);
        }
        end(out, beginItem(out, CODE_INTERPRETING, itemId));
        end(out, beginItem(out, CODE_COMPLETED, itemId));
        doneItem(out, WireJson.bytes(ResponseDraft.codeItem(itemId, code, "completed")));
    }

    /** A cited page: an annotation of the open message's text, when its link is in that text. */
    private void citation(StreamEvent.Citation citation, EventStream.Writer out) throws IOException {
        int start = citation.start() - openTextStart;
        int end = citation.end() - openTextStart;
        if (open != Open.MESSAGE || start < 0 || end > openText.length()) {
            return;
        }
        ObjectNode annotation = ResponseDraft.urlCitation(start, end, citation.url(), citation.title());
        JsonGenerator added = beginItem(out, ANNOTATION_ADDED);
        added.writeNumberField("content_index", 0);
        added.writeNumberField("annotation_index", openAnnotations.size());
        added.writeFieldName("annotation");
        WireJson.writeTree(added, annotation);
        end(out, added);
        openAnnotations.add(annotation);
    }

    /** One whole call (GigaChat sends a call in one piece): added, one delta, done. */
    private void call(StreamEvent.ToolCall call, EventStream.Writer out) throws IOException {
        ObjectNode done = draft.callItem(call.id(), call.name(), call.arguments(), "completed");
        ObjectNode added = done.deepCopy().put("status", "in_progress");
        String itemId = done.path("id").asText();
        boolean custom = "custom_tool_call".equals(done.path("type").asText());
        String payload = custom ? done.path("input").asText() : done.path("arguments").asText();
        added.put(custom ? "input" : "arguments", "");
        itemEvent(out, ITEM_ADDED, WireJson.bytes(added));
        JsonGenerator delta = beginItem(out, custom ? CUSTOM_INPUT_DELTA : ARGUMENTS_DELTA, itemId);
        delta.writeStringField("delta", payload);
        end(out, delta);
        if (custom) {
            JsonGenerator inputDone = beginItem(out, CUSTOM_INPUT_DONE, itemId);
            inputDone.writeStringField("input", payload);
            end(out, inputDone);
        } else {
            JsonGenerator argumentsDone = beginItem(out, ARGUMENTS_DONE, itemId);
            argumentsDone.writeStringField("name", call.name());
            argumentsDone.writeStringField("arguments", payload);
            end(out, argumentsDone);
        }
        doneItem(out, WireJson.bytes(done));
    }

    /**
     * An event that carries the response ({@code type}, {@code sequence_number}, {@code response}), around the
     * response's JSON as it was written: the response is written once, not once per event and once more to be
     * stored.
     */
    private void withResponse(EventStream.Writer out, EventStream.EventName name, byte[] response) {
        byte[] head = ("{\"type\":\"" + name + "\",\"sequence_number\":" + sequence++ + ",\"response\":")
                .getBytes(StandardCharsets.UTF_8);
        out.event(name, head, response, CLOSE);
    }

    /** Starts an event's data: its type and the next sequence number; the caller adds fields, then {@link #end}s it. */
    private JsonGenerator begin(EventStream.Writer out, EventStream.EventName name) throws IOException {
        JsonGenerator g = out.startEvent(name);
        g.writeStartObject();
        g.writeFieldName(TYPE);
        g.writeString(name.json());
        g.writeFieldName(SEQUENCE_NUMBER);
        g.writeNumber(sequence++);
        return g;
    }

    /** Starts an event about the open item: type, sequence number, item id, output index. */
    private JsonGenerator beginItem(EventStream.Writer out, EventStream.EventName name) throws IOException {
        return beginItem(out, name, openId);
    }

    /** Starts an event about the item {@code itemId}, which will be the next output item. */
    private JsonGenerator beginItem(EventStream.Writer out, EventStream.EventName name, String itemId)
            throws IOException {
        return beginItem(out, name, new SerializedString(itemId));
    }

    private JsonGenerator beginItem(EventStream.Writer out, EventStream.EventName name, SerializableString itemId)
            throws IOException {
        JsonGenerator g = begin(out, name);
        g.writeFieldName(ITEM_ID);
        g.writeString(itemId);
        g.writeFieldName(OUTPUT_INDEX);
        g.writeNumber(output.size());
        return g;
    }

    private static void end(EventStream.Writer out, JsonGenerator g) throws IOException {
        g.writeEndObject();
        out.endEvent();
    }

    /** An {@code output_item.added} or {@code .done} event: the next output index and the item, as JSON. */
    private void itemEvent(EventStream.Writer out, EventStream.EventName name, byte[] item) throws IOException {
        JsonGenerator g = begin(out, name);
        g.writeFieldName(OUTPUT_INDEX);
        g.writeNumber(output.size());
        out.field(ITEM, item);
        end(out, g);
    }

    /** An item's {@code response.output_item.done}; the item joins the output as that event wrote it. */
    private void doneItem(EventStream.Writer out, byte[] item) throws IOException {
        itemEvent(out, ITEM_DONE, item);
        output.add(item);
    }
}
