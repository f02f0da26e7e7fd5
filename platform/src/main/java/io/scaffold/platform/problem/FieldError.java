package io.scaffold.platform.problem;

/** One invalid input: the field (a JSON path such as {@code tags[2]}, or a parameter name) and what is wrong. */
public record FieldError(String field, String message) {
}
