package io.scaffold.notifications.domain;

import java.util.List;
import java.util.UUID;

/**
 * A notification to write for each recipient: what the rules decided for one event. The recipients never include
 * the event's actor.
 */
public record Draft(List<String> recipients, NotificationKind kind, String title, String body, String link,
        String subjectId, UUID communityId, String urgency) {
}
