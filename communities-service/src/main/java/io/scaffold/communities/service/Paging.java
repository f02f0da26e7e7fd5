package io.scaffold.communities.service;

import io.scaffold.communities.config.CommunitiesConfig;
import io.scaffold.platform.paging.PageSize;

/** Page sizes within this service's configured limits. */
final class Paging {
    private Paging() {
    }

    static int size(Integer limit, CommunitiesConfig config) {
        return PageSize.of(limit, config.defaultPageSize(), config.maxPageSize());
    }
}
