package io.scaffold.platform.sql;

import java.util.List;

/**
 * PostgreSQL array literals for native queries ({@code CAST(:p AS text[])}): one bind parameter carries a whole list,
 * so a batch is one statement.
 */
public final class SqlArrays {
    private SqlArrays() {
    }

    /** {@code {"a","b \"quoted\""}}: every element quoted, quotes and backslashes escaped. */
    public static String text(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            literal.append(i == 0 ? "" : ",").append('"').append(values.get(i).replace("\\", "\\\\")
                    .replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    /** {@code {1,2,3}}. */
    public static String integers(List<Integer> values) {
        return "{" + String.join(",", values.stream().map(String::valueOf).toList()) + "}";
    }
}
