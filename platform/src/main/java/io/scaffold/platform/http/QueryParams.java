package io.scaffold.platform.http;

import io.scaffold.platform.problem.ApiProblem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Typed query parameters read from their raw text, so a wrong value is a 400 naming the parameter (JAX-RS would
 * answer a bare 404 for a query parameter it cannot convert).
 */
public final class QueryParams {
    /** The range of instants a query accepts: what every client and the database represent alike. */
    private static final java.time.Instant EARLIEST = java.time.Instant.EPOCH;
    private static final java.time.Instant LATEST = java.time.Instant.parse("9999-12-31T23:59:59Z");

    private QueryParams() {
    }

    public static Integer optionalInt(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid(name, "must be a whole number");
        }
    }

    public static boolean flag(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiProblem.invalid(name, "must be true or false");
        };
    }

    public static <E extends Enum<E>> E optionalEnum(String name, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static java.util.UUID optionalUuid(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return java.util.UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(name, "must be a UUID");
        }
    }

    /** An ISO-8601 instant ({@code 2026-01-31T09:00:00Z}) or date ({@code 2026-01-31}, midnight UTC), or null. */
    public static java.time.Instant optionalInstant(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        java.time.Instant instant;
        try {
            instant = value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant() : java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.DateTimeException e) {
            throw ApiProblem.invalid(name, "must be an ISO-8601 date or date-time, e.g. 2026-01-31T09:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiProblem.invalid(name, "must be between the years 1970 and 9999");
        }
        return instant;
    }
}
