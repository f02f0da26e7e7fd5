package io.scaffold.requests.domain;

/** Who an invitation went to: a helper matched by skills, a community's facilitator, or the L&D desk. */
public enum AudienceKind {
    HELPER, FACILITATOR, LD_DESK
}
