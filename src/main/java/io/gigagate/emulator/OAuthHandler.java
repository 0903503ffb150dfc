package io.gigagate.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * POST /api/v2/oauth: an access token for a Basic authorization key and a scope, with the OAuth host's errors
 * {@code {"code": N, "message": "..."}}.
 */
final class OAuthHandler implements Handler {

    private static final Set<String> DEFAULT_SCOPES = Set.of("GIGACHAT_API_PERS", "GIGACHAT_API_B2B", "GIGACHAT_API_CORP");
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern BASE64ISH = Pattern.compile("[A-Za-z0-9+/_\\-]+={0,2}");

    private final EmulatorContext ctx;
    private final String authorizationKey;
    private final String scope;

    /** authorizationKey and scope: the only ones accepted, or null for any key and PERS/B2B/CORP. */
    OAuthHandler(EmulatorContext ctx, String authorizationKey, String scope) {
        this.ctx = ctx;
        this.authorizationKey = authorizationKey;
        this.scope = scope;
    }

    @Override
    public void handle(Call call) throws IOException {
        RecordedRequest rr = call.request();
        Faults.OauthFailure f = ctx.faults.nextOauthFailure();
        if (f != null) {
            throw ApiError.oauth(f.status(), f.code(), f.message());
        }
        String rqUid = rr.header("RqUID");
        if (rqUid == null || !UUID_PATTERN.matcher(rqUid.trim()).matches()) {
            // the real host answers 400 here; its body is undocumented
            throw ApiError.oauth(400, 400, "RqUID header is missing or is not a uuid4");
        }
        String auth = rr.header("Authorization");
        String key = auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6) ? auth.substring(6).trim() : "";
        if (key.isEmpty() || !BASE64ISH.matcher(key).matches()) {
            throw ApiError.oauth(401, 4, "Can't decode 'Authorization' header");
        }
        String requestedScope = parseForm(rr.bodyAsString()).get("scope");
        if (requestedScope == null || requestedScope.isBlank()) {
            throw ApiError.oauth(400, 5, "scope is empty");
        }
        if (authorizationKey != null && !authorizationKey.equals(key)) {
            throw ApiError.oauth(401, 6, "credentials doesn't match db data");
        }
        boolean scopeOk = scope != null ? scope.equals(requestedScope.trim())
                : DEFAULT_SCOPES.contains(requestedScope.trim());
        if (!scopeOk) {
            throw ApiError.oauth(400, 7, "scope from db not fully includes consumed scope");
        }
        long expiresAt = ctx.tokens.expiryFromNow();
        String token = ctx.tokens.issue(expiresAt);
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        res.put("access_token", token);
        res.put("expires_at", expiresAt);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        h.put("Pragma", "no-cache");
        h.put("Expires", "0");
        call.json(200, res, h, "application/json");
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                m.putIfAbsent(k, v);
            }
        }
        return m;
    }
}
