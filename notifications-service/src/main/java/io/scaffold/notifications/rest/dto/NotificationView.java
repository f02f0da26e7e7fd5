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
        Instant readAt) {
}
