package io.scaffold.requests.domain;

/** An answer to the question, or an offer to talk it through. */
public enum ResponseKind {
    ANSWER, OFFER
}
