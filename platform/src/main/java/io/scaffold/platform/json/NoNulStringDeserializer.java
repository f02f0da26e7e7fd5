package io.scaffold.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;

/**
 * Reads strings as Jackson does, and refuses the NUL character: it is valid JSON ({@code "\u0000"}) but no text column
 * can hold it, so it would otherwise reach the database and fail there.
 */
public class NoNulStringDeserializer extends StringDeserializer {
    public static final String MESSAGE = "must not contain the NUL character (U+0000)";

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = super.deserialize(parser, context);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw InvalidFormatException.from(parser, MESSAGE, value, String.class);
        }
        return value;
    }
}
