package io.gigagate.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** POST /api/v1/token: an access token for a Basic user:password ({@code {"tok", "exp"}}); no bearer needed. */
final class UserTokenHandler implements Handler {

    private final TokenStore tokens;
    private final String user;
    private final String password;

    /** user and password: the only ones accepted, or user null for any non-empty user. */
    UserTokenHandler(TokenStore tokens, String user, String password) {
        this.tokens = tokens;
        this.user = user;
        this.password = password;
    }

    @Override
    public void handle(Call call) throws IOException {
        String auth = call.request().header("Authorization");
        String decoded = null;
        if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
        }
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon <= 0) {
            throw ApiError.of(401, "Unauthorized");
        }
        String u = decoded.substring(0, colon);
        String p = decoded.substring(colon + 1);
        if (user != null && !(user.equals(u) && Objects.equals(password, p))) {
            throw ApiError.of(401, "Unauthorized");
        }
        long expiresAt = tokens.expiryFromNow();
        ObjectNode res = EmulatorContext.JSON.createObjectNode();
        res.put("tok", tokens.issue(expiresAt));
        res.put("exp", expiresAt);
        call.json(200, res);
    }
}
