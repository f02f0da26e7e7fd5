package io.scaffold.requests.domain;

/** What solved a problem without asking: a request someone else asked (and its answer), or a library resource. */
public enum SolutionKind {
    REQUEST, RESOURCE
}
