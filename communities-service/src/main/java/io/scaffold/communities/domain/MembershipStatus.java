package io.scaffold.communities.domain;

/** ACTIVE members belong; PENDING asked to join a private community; INVITED were asked by a facilitator. */
public enum MembershipStatus {
    ACTIVE, PENDING, INVITED
}
