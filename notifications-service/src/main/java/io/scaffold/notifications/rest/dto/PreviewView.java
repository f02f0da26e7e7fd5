package io.scaffold.notifications.rest.dto;

import io.scaffold.notifications.domain.EmailDelivery;
import io.scaffold.notifications.domain.NotificationKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** Who an event in a community would notify right now, and why; and who it would not, and why. */
@Schema(name = "AudiencePreview")
public record PreviewView(String eventType, UUID communityId, NotificationKind kind,
        @Schema(description = "The rule that picks the recipients") String audience,
        @Schema(description = "How many people would be notified") int total, List<Recipient> recipients,
        @Schema(description = "How many people the rule picks but their preferences leave out") int excludedTotal,
        List<Excluded> excluded,
        @Schema(description = "Recipients decided only when the event happens (e.g. the helpers routing invites)")
        List<String> notes) {

    public record Recipient(String userId, String reason, EmailDelivery email,
            @Schema(description = "In quiet hours now: inbox only, no live push (BLOCKING requests excepted)")
            boolean quietNow) {
    }

    public record Excluded(String userId, String reason) {
    }
}
