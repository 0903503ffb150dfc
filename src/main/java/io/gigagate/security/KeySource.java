package io.gigagate.security;

import java.util.function.UnaryOperator;

/**
 * Where a front's clients put the gateway's API key: a header of its own ({@code x-api-key},
 * {@code x-goog-api-key}), the {@code Authorization: Bearer} header, or a query parameter ({@code ?key=}).
 * Each front lists the ones its SDKs use; the key is read from the first that carries one.
 */
public sealed interface KeySource {

    /** The key this source finds in a request, or null. */
    String read(UnaryOperator<String> header, UnaryOperator<String> query);

    /** How a client is told to send its key, e.g. {@code 'x-api-key: <key>'}. */
    String hint();

    /** A header holding the key as it is. */
    record Header(String name) implements KeySource {
        @Override
        public String read(UnaryOperator<String> header, UnaryOperator<String> query) {
            String value = header.apply(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        @Override
        public String hint() {
            return "'" + name + ": <key>'";
        }
    }

    /** {@code Authorization: Bearer <key>}. */
    record Bearer() implements KeySource {
        @Override
        public String read(UnaryOperator<String> header, UnaryOperator<String> query) {
            return AuthorizationHeader.bearer(header.apply("Authorization"));
        }

        @Override
        public String hint() {
            return "'Authorization: Bearer <key>'";
        }
    }

    /** A query parameter holding the key ({@code ?key=<key>}). */
    record Query(String name) implements KeySource {
        @Override
        public String read(UnaryOperator<String> header, UnaryOperator<String> query) {
            String value = query.apply(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        @Override
        public String hint() {
            return "'?" + name + "=<key>'";
        }
    }
}
