package io.scaffold.notifications.domain;

import java.util.List;
import java.util.UUID;

/** The audiences the rules resolve from local projections, never by calling another service. */
public interface Audiences {

    /** The owners and facilitators of a community. */
    List<String> managers(UUID communityId);
}
