package io.scaffold.platform.paging;

import io.scaffold.platform.problem.ApiProblem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An opaque keyset cursor: the sort key values of the last item of a page, encoded so clients treat them as a token.
 * A cursor that was not made here is a 400 on the {@code cursor} parameter, never a 500: callers read its values
 * through the typed accessors ({@link #uuid}, {@link #instant}, {@link #real}, {@link #longValue}, {@link #text}),
 * which reject a value of the wrong shape before it can reach a query.
 */
public record Cursor(List<String> values) {
    private static final char SEPARATOR = '\u001f';
    private static final String NOT_OURS = "is not a cursor this list returned";
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DECIMAL_SHAPE = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern LONG_SHAPE = Pattern.compile("-?\\d{1,19}");
    /** What a database timestamp can hold; an instant outside it is not one a list could have returned. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

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
            throw invalid();
        }
    }

    /** The raw value; prefer a typed accessor for anything that reaches a query. */
    public String get(int index) {
        return values.get(index);
    }

    /** A text sort key (a name, a user id): anything but a NUL, which no database text column can hold. */
    public String text(int index) {
        String value = values.get(index);
        if (value.indexOf('\u0000') >= 0) {
            throw invalid();
        }
        return value;
    }

    /** A UUID in its canonical 8-4-4-4-12 hex form. */
    public UUID uuid(int index) {
        String value = values.get(index);
        if (!UUID_SHAPE.matcher(value).matches()) {
            throw invalid();
        }
        return UUID.fromString(value);
    }

    /** An ISO-8601 instant ({@link Instant#toString()}) a database timestamp can hold. */
    public Instant instant(int index) {
        try {
            Instant value = Instant.parse(values.get(index));
            if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
                throw invalid();
            }
            return value;
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    /** A finite single-precision number, such as a full-text rank ({@link Float#toString(float)}). */
    public float real(int index) {
        String value = values.get(index);
        if (!DECIMAL_SHAPE.matcher(value).matches()) {
            throw invalid();
        }
        float parsed = Float.parseFloat(value);
        if (!Float.isFinite(parsed)) {
            throw invalid();
        }
        return parsed;
    }

    /** A whole number that fits a {@code long}. */
    public long longValue(int index) {
        String value = values.get(index);
        if (!LONG_SHAPE.matcher(value).matches()) {
            throw invalid();
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ApiProblem invalid() {
        return ApiProblem.invalid("cursor", NOT_OURS);
    }
}
