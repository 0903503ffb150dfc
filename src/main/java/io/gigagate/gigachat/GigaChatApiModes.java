package io.gigagate.gigachat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which GigaChat chat contract each model is called with: {@code v1} ({@code /api/v1/chat/completions}, the
 * default) or {@code v2} ({@code /api/v2/chat/completions}, see {@link ChatV2Contract}). One mode for all
 * models ({@code GIGACHAT_API_MODE}), and per-model exceptions for models offered on one contract only.
 *
 * @param defaultMode the mode of every model not listed
 * @param perModel    GigaChat model id → its mode
 */
public record GigaChatApiModes(Mode defaultMode, Map<String, Mode> perModel) {

    /** A GigaChat chat contract. */
    public enum Mode { V1, V2 }

    public GigaChatApiModes {
        defaultMode = defaultMode == null ? Mode.V1 : defaultMode;
        perModel = perModel == null ? Map.of() : Map.copyOf(perModel);
    }

    /** Every model on v1: the gateway as before v2 existed. */
    public static final GigaChatApiModes V1_ONLY = new GigaChatApiModes(Mode.V1, Map.of());

    /**
     * From settings as text.
     *
     * @param mode     {@code v1} or {@code v2} (any case; blank = v1)
     * @param perModel {@code Model=v2,Other=v1} (blank = none)
     * @throws IllegalArgumentException naming the bad value
     */
    public static GigaChatApiModes parse(String mode, String perModel) {
        Map<String, Mode> models = new LinkedHashMap<>();
        if (perModel != null && !perModel.isBlank()) {
            for (String pair : perModel.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("GigaChat API mode per model must be Model=v1|v2, got: " + pair.strip());
                }
                models.put(pair.substring(0, eq).strip(), mode(pair.substring(eq + 1), pair.strip()));
            }
        }
        return new GigaChatApiModes(mode == null || mode.isBlank() ? Mode.V1 : mode(mode, mode), models);
    }

    private static Mode mode(String value, String setting) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "v1" -> Mode.V1;
            case "v2" -> Mode.V2;
            default -> throw new IllegalArgumentException("GigaChat API mode must be v1 or v2, got: " + setting);
        };
    }

    /** The mode for a GigaChat model id. */
    public Mode of(String model) {
        Mode mode = model == null ? null : perModel.get(model);
        return mode != null ? mode : defaultMode;
    }

    /** Whether {@code model} is called on v2. */
    public boolean isV2(String model) {
        return of(model) == Mode.V2;
    }

    /** Whether any model may be called on v2 (else the v2 routes are not built at all). */
    public boolean anyV2() {
        return defaultMode == Mode.V2 || perModel.containsValue(Mode.V2);
    }

    /** The v2 base URL for a v1 one: its trailing {@code /v1} becomes {@code /v2}, as GigaChat's SDK does. */
    public static String v2BaseUrl(String v1BaseUrl) {
        String base = v1BaseUrl.endsWith("/") ? v1BaseUrl.substring(0, v1BaseUrl.length() - 1) : v1BaseUrl;
        if (!base.endsWith("/v1")) {
            throw new IllegalArgumentException("GigaChat's v2 contract needs a base URL ending in /v1 (its v2 twin is "
                    + "…/v2), got: " + v1BaseUrl);
        }
        return base.substring(0, base.length() - 3) + "/v2";
    }
}
