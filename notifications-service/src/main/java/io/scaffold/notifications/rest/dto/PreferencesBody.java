package io.scaffold.notifications.rest.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The whole of a person's settings (PUT replaces them): what is left out takes its default. */
@Schema(name = "PreferencesUpdate", example = """
        {"kinds": {"COMMUNITY_REQUEST": {"inApp": true, "email": "DIGEST"}, "ROLE_CHANGED": {"inApp": false}},
         "mutedCommunities": [], "newRequestCommunities": ["3f2b6a1e-8c1d-4c55-9a43-2f1d2c3b4a5e"],
         "newResourceCommunities": [],
         "quietHours": {"from": "22:00", "to": "07:00", "timeZone": "Europe/Paris"},
         "digest": {"frequency": "WEEKLY", "at": "09:00", "dayOfWeek": "MONDAY", "timeZone": "Europe/Paris"}}""")
public record PreferencesBody(
        @Schema(description = "Per notification kind; kinds left out keep their defaults")
        @Size(max = 50) Map<String, @Valid KindSettingBody> kinds,
        @Schema(description = "No notifications from these communities (critical kinds still arrive)")
        @Size(max = 500) List<@NotNull UUID> mutedCommunities,
        @Schema(description = "Hear of every new request in these communities (members only)")
        @Size(max = 500) List<@NotNull UUID> newRequestCommunities,
        @Schema(description = "Hear of every new resource in these communities' libraries (members only)")
        @Size(max = 500) List<@NotNull UUID> newResourceCommunities,
        @Schema(description = "No live push in this window, except for BLOCKING requests; null: none")
        @Valid QuietHoursBody quietHours,
        @Schema(description = "When the e-mail digest goes out; null: daily at 08:00 in your zone")
        @Valid DigestBody digest) {
}
