package io.scaffold.notifications.service;

import io.scaffold.notifications.domain.EmailDelivery;
import io.scaffold.notifications.domain.KindSetting;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.Preferences;
import io.scaffold.notifications.repository.PreferenceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

/** What an unsubscribe link does: turns e-mail off for one kind, or for every kind mailed in the digest. */
@ApplicationScoped
public class Unsubscribe {
    private final PreferenceRepository preferences;

    public Unsubscribe(PreferenceRepository preferences) {
        this.preferences = preferences;
    }

    /** Idempotent: a second click changes nothing. The app keeps showing the items (in-app is untouched). */
    @Transactional
    public void apply(UnsubscribeLinks.Subscription subscription) {
        String userId = subscription.userId();
        preferences.lockVersion(userId);
        Preferences current = preferences.load(userId);
        Map<NotificationKind, KindSetting> kinds = new EnumMap<>(current.kinds());
        kinds.replaceAll((kind, setting) -> turnsOff(subscription, kind, setting)
                ? new KindSetting(setting.inApp(), EmailDelivery.OFF) : setting);
        if (!kinds.equals(current.kinds())) {
            preferences.save(userId, new Preferences(kinds, current.mutedCommunities(),
                    current.newRequestCommunities(), current.newResourceCommunities(), current.quietHours(),
                    current.digest(), current.version()), Instant.now().truncatedTo(ChronoUnit.MICROS));
        }
    }

    private static boolean turnsOff(UnsubscribeLinks.Subscription subscription, NotificationKind kind,
            KindSetting setting) {
        return subscription.digest() ? setting.email() == EmailDelivery.DIGEST
                : kind.name().equals(subscription.scope());
    }

    /** Said on the page: what the link stops. */
    public static String describe(UnsubscribeLinks.Subscription subscription) {
        return subscription.digest() ? "the e-mail digest"
                : "e-mails about " + EmailRenderer.describe(NotificationKind.valueOf(subscription.scope())) + "s";
    }
}
