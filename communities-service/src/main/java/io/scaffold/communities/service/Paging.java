package io.scaffold.communities.service;

import io.scaffold.communities.config.CommunitiesConfig;
import io.scaffold.platform.problem.ApiProblem;

/** Page sizes: the default when absent, 1..max otherwise. */
final class Paging {
    private Paging() {
    }

    static int size(Integer limit, CommunitiesConfig config) {
        if (limit == null) {
            return config.defaultPageSize();
        }
        if (limit < 1 || limit > config.maxPageSize()) {
            throw ApiProblem.invalid("limit", "must be between 1 and " + config.maxPageSize());
        }
        return limit;
    }
}
