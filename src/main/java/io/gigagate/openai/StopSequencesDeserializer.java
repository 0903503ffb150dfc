package io.gigagate.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI's {@code stop} is a string or an array of strings; both are read as a list so the rest of
 * the gateway sees one shape. Anything else is a type error at {@code stop} (or {@code stop[i]}).
 */
public final class StopSequencesDeserializer extends StdDeserializer<List<String>> {

    public StopSequencesDeserializer() {
        super(List.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            return List.of(p.getText());
        }
        if (!p.isExpectedStartArrayToken()) {
            return (List<String>) ctxt.handleUnexpectedToken(List.class, p);
        }
        List<String> stops = new ArrayList<>();
        int index = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken(), index++) {
            if (t != JsonToken.VALUE_STRING) {
                MismatchedInputException e = MismatchedInputException.from(p, String.class, "expected a string");
                e.prependPath(stops, index);
                throw e;
            }
            stops.add(p.getText());
        }
        return List.copyOf(stops);
    }
}
