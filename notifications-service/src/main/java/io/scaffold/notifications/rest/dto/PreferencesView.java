package io.scaffold.notifications.rest.dto;

import io.scaffold.notifications.domain.EmailDelivery;
import io.scaffold.notifications.domain.NotificationKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A person's complete settings: every kind, with the defaults filled in. */
@Schema(name = "Preferences")
public record PreferencesView(Map<NotificationKind, Setting> kinds, List<UUID> mutedCommunities,
        List<UUID> newRequestCommunities, List<UUID> newResourceCommunities,
        @Schema(nullable = true, description = "No live push in this window, except for BLOCKING requests; null: "
                + "none")
        QuietHoursBody quietHours,
        @Schema(description = "When the e-mail digest goes out (timeZone null: the zone of your sign-in, else UTC)")
        DigestBody digest) {

    @Schema(name = "KindSetting")
    public record Setting(boolean inApp, EmailDelivery email,
            @Schema(description = "Critical kinds cannot be turned off in the app") boolean critical) {
    }
}
