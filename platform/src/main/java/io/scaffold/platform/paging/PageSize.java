package io.scaffold.platform.paging;

import io.scaffold.platform.problem.ApiProblem;

/** The page size of a list request: the default when the client sent no {@code limit}, 1..max otherwise (else 400). */
public final class PageSize {
    private PageSize() {
    }

    public static int of(Integer limit, int defaultSize, int maxSize) {
        if (limit == null) {
            return defaultSize;
        }
        if (limit < 1 || limit > maxSize) {
            throw ApiProblem.invalid("limit", "must be between 1 and " + maxSize);
        }
        return limit;
    }
}
