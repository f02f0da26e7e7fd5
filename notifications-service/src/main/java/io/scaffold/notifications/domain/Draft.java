package io.scaffold.notifications.domain;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A notification to write for each recipient: what the rules decided for one event. The recipients are the named
 * people plus, for opt-in audiences, the followers of a community (resolved by the database in the same statement
 * that writes the items, so a 10,000-member audience never travels through the service). Never the event's actor.
 */
public record Draft(List<String> recipients, Followers followers, NotificationKind kind, String title, String body,
        String link, String subjectId, UUID communityId, String urgency) {

    /** The active members of {@code communityId} who opted in to {@code setting}, except these people. */
    public record Followers(UUID communityId, CommunitySetting setting, Set<String> except) {
    }
}
