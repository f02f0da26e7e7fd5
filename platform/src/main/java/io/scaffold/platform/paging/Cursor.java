package io.scaffold.platform.paging;

import io.scaffold.platform.problem.ApiProblem;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort key values of the last item of a page, encoded so clients treat them as a token.
 * A cursor that was not made here is a 400 on the {@code cursor} parameter, never a 500.
 */
public record Cursor(List<String> values) {
    private static final char SEPARATOR = '\u001f';

    public static Cursor of(String... values) {
        return new Cursor(List.of(values));
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), values).getBytes(StandardCharsets.UTF_8));
    }

    /** @param expectedValues how many sort keys the list uses */
    public static Cursor decode(String token, int expectedValues) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            List<String> values = Arrays.asList(decoded.split(String.valueOf(SEPARATOR), -1));
            if (values.size() != expectedValues) {
                throw new IllegalArgumentException();
            }
            return new Cursor(values);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("cursor", "is not a cursor returned by this list");
        }
    }

    public String get(int index) {
        return values.get(index);
    }
}
