package io.scaffold.platform.http;

import io.scaffold.platform.problem.ApiProblem;

/** Strong ETags made of a resource's version, and the {@code If-Match} header read back into a version. */
public final class ETags {
    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * @return the version the client expects, or null when it sent no {@code If-Match} (or {@code *}: any version)
     * @throws ApiProblem 412 when the header names no version this API ever issued
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ApiProblem.preconditionFailed("If-Match " + ifMatch + " is not an ETag of this resource");
        }
    }

    /**
     * Optimistic concurrency: a 412 when the client's {@code If-Match} version (null: none sent) is not the current
     * one.
     */
    public static void requireCurrent(Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw ApiProblem.preconditionFailed("The resource changed since you read it (version " + expected
                    + ", now " + actual + "); read it again and retry");
        }
    }
}
