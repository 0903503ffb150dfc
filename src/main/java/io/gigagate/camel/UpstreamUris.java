package io.gigagate.camel;

/** Builds camel-http endpoint URIs from GigaChat's configured URLs. */
final class UpstreamUris {

    private UpstreamUris() {
    }

    static String of(String url, String options) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return base + (base.contains("?") ? "&" : "?") + options;
    }
}
