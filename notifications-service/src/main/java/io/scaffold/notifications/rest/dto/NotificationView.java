package io.scaffold.notifications.rest.dto;

import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.NotificationStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

@Schema(name = "Notification")
public record NotificationView(
        @Schema(description = "Increasing: newer items have larger ids") long id,
        NotificationKind kind,
        @Schema(example = "New response to your request: Consumer lag after deploy") String title,
        String body,
        @Schema(description = "API path of the subject", example = "/api/requests/7b0e...") String link,
        String subjectId,
        @Schema(nullable = true, description = "The community it is about; null when it is about none")
        UUID communityId,
        @Schema(nullable = true, description = "The request's urgency (LOW, NORMAL, HIGH or BLOCKING), on request "
                + "notifications whose event carried it; null otherwise")
        String urgency,
        @Schema(description = "How many events this item stands for (responses collapse while unread)") int count,
        NotificationStatus status, Instant createdAt, Instant updatedAt,
        @Schema(nullable = true, description = "When it was read (or archived unread); null while unread")
        Instant readAt,
        @Schema(description = "The id of the event this item came from (the latest one, for collapsed items). "
                + "Pass it in Scaffold-After-Events to another service to be told 409 catching-up, not refused, "
                + "while that service has not applied it yet (e.g. asking right after a membership was approved)",
                example = "019ad5a2-3b1c-7e4f-9a8b-1c2d3e4f5a6b")
        String eventId) {
}
