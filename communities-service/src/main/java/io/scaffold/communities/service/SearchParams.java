package io.scaffold.communities.service;

import io.scaffold.platform.tags.Tags;
import io.scaffold.platform.problem.ApiProblem;

/** Reads the optional search inputs of list endpoints: a full-text query and a tag or skill filter. */
final class SearchParams {
    private SearchParams() {
    }

    /** The query text, or null when absent or blank. */
    static String query(String q) {
        return q == null || q.isBlank() ? null : q.strip();
    }

    /** The normalised tag, null when absent; a 400 on the parameter when it cannot be a tag. */
    static String tag(String parameter, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String tag = Tags.normalize(raw);
        if (tag == null) {
            throw ApiProblem.invalid(parameter, "is not a valid " + parameter);
        }
        return tag;
    }
}
