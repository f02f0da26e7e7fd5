package io.scaffold.communities.domain;

import java.io.Serializable;
import java.util.UUID;

/** Primary key of a membership: one row per person and community. */
public record MembershipId(UUID communityId, String userId) implements Serializable {
    public MembershipId {
    }

    /** For JPA. */
    public MembershipId() {
        this(null, null);
    }
}
