package io.scaffold.communities.domain;

/** A member's role in a community; owners hold every right, facilitators run membership and content. */
public enum Role {
    OWNER, FACILITATOR, MEMBER
}
