package io.scaffold.notifications.domain;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A person's notification settings, complete: every kind has its setting (the defaults where the person chose
 * nothing). {@code version} 0 means the person never saved any.
 */
public record Preferences(Map<NotificationKind, KindSetting> kinds, Set<UUID> mutedCommunities,
        Set<UUID> newRequestCommunities, Set<UUID> newResourceCommunities, QuietHours quietHours, DigestChoice digest,
        long version) {

    public static Preferences defaults() {
        return new Preferences(withDefaults(Map.of()), Set.of(), Set.of(), Set.of(), null, DigestChoice.defaults(), 0);
    }

    /** The chosen settings, with each kind not mentioned at its default. */
    public static Map<NotificationKind, KindSetting> withDefaults(Map<NotificationKind, KindSetting> chosen) {
        Map<NotificationKind, KindSetting> all = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            all.put(kind, chosen.getOrDefault(kind, KindSetting.defaultFor(kind)));
        }
        return all;
    }

    /** @return the first critical kind this would turn off in the app, or null when there is none */
    public static NotificationKind criticalTurnedOff(Map<NotificationKind, KindSetting> kinds) {
        return kinds.entrySet().stream().filter(e -> e.getKey().critical() && !e.getValue().inApp())
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
