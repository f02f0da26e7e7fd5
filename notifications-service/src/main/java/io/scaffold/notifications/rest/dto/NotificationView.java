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
        String subjectId, UUID communityId,
        @Schema(description = "The request's urgency, for request notifications") String urgency,
        @Schema(description = "How many events this item stands for (responses collapse while unread)") int count,
        NotificationStatus status, Instant createdAt, Instant updatedAt, Instant readAt) {
}
