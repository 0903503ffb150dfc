package io.gigagate.camel;

import io.gigagate.error.GatewayException;
import io.gigagate.gigachat.BuiltInTool;
import io.gigagate.gigachat.GigaChatApiModes;
import io.gigagate.gigachat.GigaChatChatRequest;
import io.gigagate.gigachat.ImagesMapper;
import io.gigagate.openai.ChatCompletionRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The chat step's decision on GigaChat's built-in tools a request asked for: chat's
 * {@code web_search_options}, and what another front's request step named in
 * {@link ExchangeKeys#BUILT_IN_TOOLS} (its vendor's web search, code execution, ...). For a model on GigaChat's
 * v2 contract, with the mapping on, the request gets them; on v1 image generation is GigaChat's built-in
 * {@code text2image} function ({@link GigaChatChatRequest#withText2Image}); otherwise they are left out under the
 * {@link BuiltInToolPolicy} (named in the header, or a 400 when strict), with the reason. A client function
 * named as the GigaChat built-in a requested tool goes to ({@code web_search}, v1's {@code text2image}) is a 400
 * {@code tool_name_collision}.
 *
 * @param apiModes which contract each model is called with (built-in tools exist on v2 only)
 * @param mapping  whether built-in tools are mapped at all (off: gpt2giga's DISABLE_BUILTIN_TOOL_MAPPING)
 * @param policy   what becomes of the tools not served
 */
public record BuiltInTools(GigaChatApiModes apiModes, boolean mapping, BuiltInToolPolicy policy) {

    /** No built-in tool is served; a request that asks for one is told so in the header. */
    public static final BuiltInTools NONE_SERVED = new BuiltInTools(GigaChatApiModes.V1_ONLY, true,
            new BuiltInToolPolicy(false));

    /** The GigaChat request with the built-in tools this exchange asked for, if they can be served. */
    GigaChatChatRequest apply(Exchange exchange, ChatCompletionRequest request, String model,
            GigaChatChatRequest upstream) {
        List<BuiltInTool.Requested> asked = asked(exchange, request);
        if (asked.isEmpty()) {
            return upstream;
        }
        if (mapping && apiModes.isV2(model)) {
            Set<String> tools = new LinkedHashSet<>();
            asked.forEach(a -> {
                refuseCollision(upstream, a.tool().wire(), a);
                tools.add(a.tool().wire());
            });
            return upstream.withBuiltInTools(List.copyOf(tools));
        }
        List<String> names = new ArrayList<>();
        GigaChatChatRequest served = upstream;
        for (BuiltInTool.Requested a : asked) {
            if (mapping && a.tool() == BuiltInTool.IMAGE_GENERATE) {
                refuseCollision(upstream, ImagesMapper.TEXT2IMAGE, a);
                served = served.withText2Image(); // v1 draws with its built-in text2image function
            } else {
                names.add(a.clientName());
            }
        }
        policy.apply(exchange, names, mapping
                ? "GigaChat serves built-in tools on its v2 contract only (GIGACHAT_API_MODE=v2, or v2 for model "
                        + model + " in GIGAGATE_API_MODES)"
                : "built-in tool mapping is off (GIGAGATE_BUILTIN_TOOL_MAPPING=false)");
        return served;
    }

    /**
     * A client function named as the GigaChat built-in that also serves one of its tools would be one name for
     * two tools upstream, and GigaChat's answer could not say which ran: a 400 naming both.
     */
    private static void refuseCollision(GigaChatChatRequest upstream, String builtInName, BuiltInTool.Requested asked) {
        if (upstream.functions() == null) {
            return;
        }
        for (GigaChatChatRequest.Function f : upstream.functions()) {
            if (builtInName.equals(f.name())) {
                throw GatewayException.invalidRequest("The function '" + f.name() + "' has the name of GigaChat's "
                        + "built-in tool '" + builtInName + "', which serves the requested tool '" + asked.clientName()
                        + "' too: rename the function, or leave out '" + asked.clientName() + "'.", "tools",
                        "tool_name_collision");
            }
        }
    }

    private static List<BuiltInTool.Requested> asked(Exchange exchange, ChatCompletionRequest request) {
        List<BuiltInTool.Requested> asked = new ArrayList<>();
        if (request.webSearchOptions() != null && !request.webSearchOptions().isNull()) {
            asked.add(new BuiltInTool.Requested(BuiltInTool.WEB_SEARCH, "web_search_options"));
        }
        @SuppressWarnings("unchecked")
        List<BuiltInTool.Requested> fromFront = exchange.getProperty(ExchangeKeys.BUILT_IN_TOOLS, List.class);
        if (fromFront != null) {
            asked.addAll(fromFront);
        }
        return asked;
    }
}
