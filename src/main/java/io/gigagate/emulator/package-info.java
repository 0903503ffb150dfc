/**
 * An in-process fake of Sber's GigaChat REST API for tests, demos and benchmarks.
 *
 * <p>{@link io.gigagate.emulator.GigaChatEmulator} serves both the OAuth host ({@code /api/v2/oauth}) and the
 * API ({@code /api/v1/*}) on one JDK HttpServer (HttpsServer with {@code tls(...)}). Behaviour follows
 * {@code reference/gigachat-api.md}: error bodies {@code {"status","message"}} (OAuth: {@code {"code","message"}}),
 * no {@code id} in chat responses, {@code model} suffixed with {@code :2.0.28.2}, SSE chunks with
 * {@code object:"chat.completion"}, usage on the last chunk and {@code data: [DONE]}, function calls with object
 * arguments and {@code functions_state_id}.
 *
 * <p>Default chat replies are deterministic: {@code "Echo: " + last user message}; a function call (arguments
 * sampled from the JSON schema) when functions are sent and {@code function_call} is not "none"; a JPEG via the
 * built-in text2image for "Draw.../Нарисуй..." prompts with {@code function_call:"auto"}; and
 * {@code "Function NAME returned: CONTENT"} after a function result. Tests can script replies and inject faults
 * through {@link io.gigagate.emulator.Faults}, and assert on what was received through the recorder
 * ({@code requests()}, {@code lastRequest(...)}, counters).
 *
 * <p>Inside, {@code GigaChatEmulator} records each request and hands it to a dispatcher that maps method and
 * path pattern to one handler per GigaChat resource (OAuth, user/password token, chat, models, embeddings,
 * tokens/count, balance, files), keeping GigaChat's order of checks (bearer, injected fault, method, path) and
 * its 404/405 answers; the handlers share one context (faults, tokens, files, recorder, stream counters).
 *
 * <p>Note: the JDK server normalises response header names ("X-Request-Id" goes out as "X-request-id");
 * HTTP header names are case-insensitive, so clients are unaffected.
 */
package io.gigagate.emulator;
