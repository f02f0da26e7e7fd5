package io.scaffold.communities.service;

import io.scaffold.platform.problem.ApiProblem;

/** Optimistic concurrency for clients: the ETag is the version; a stale {@code If-Match} is a 412. */
public final class Versions {
    private Versions() {
    }

    /** @param expected the version the client sent in {@code If-Match}, or null when it sent none */
    public static void require(Long expected, long actual) {
        if (expected != null && expected != actual) {
            throw ApiProblem.preconditionFailed("The resource changed since you read it (version " + expected
                    + ", now " + actual + "); read it again and retry");
        }
    }
}
