package io.scaffold.notifications.rest.dto;

import io.scaffold.notifications.domain.EmailDelivery;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One kind's setting; a part left out takes the kind's default. */
@Schema(name = "KindSettingUpdate")
public record KindSettingBody(
        @Schema(description = "In the inbox and on the live stream; critical kinds cannot be turned off")
        Boolean inApp,
        EmailDelivery email) {
}
