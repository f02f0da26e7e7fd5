package io.scaffold.notifications.service;

import io.scaffold.notifications.domain.DigestChoice;
import io.scaffold.notifications.domain.DigestSchedule;
import io.scaffold.notifications.domain.KindSetting;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.Preferences;
import io.scaffold.notifications.domain.QuietHours;
import io.scaffold.notifications.repository.PreferenceRepository;
import io.scaffold.notifications.rest.dto.DigestBody;
import io.scaffold.notifications.rest.dto.KindSettingBody;
import io.scaffold.notifications.rest.dto.PreferencesBody;
import io.scaffold.notifications.rest.dto.PreferencesView;
import io.scaffold.notifications.rest.dto.QuietHoursBody;
import io.scaffold.platform.http.ETags;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The caller's own notification settings. Only ever the caller's: there is no way to name another person. */
@ApplicationScoped
public class PreferencesService {
    private static final String KINDS = Arrays.stream(NotificationKind.values()).map(Enum::name)
            .collect(Collectors.joining(", "));

    private final PreferenceRepository preferences;

    public PreferencesService(PreferenceRepository preferences) {
        this.preferences = preferences;
    }

    /** The settings with their version (0 for a person who never saved any: the defaults). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Preferences get(String userId) {
        return preferences.load(userId);
    }

    /**
     * Replaces the caller's settings. A critical kind turned off in the app is refused with 422; a stale
     * {@code If-Match} with 412.
     */
    @Transactional
    public Preferences replace(String userId, PreferencesBody body, String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        Preferences wanted = toDomain(body);
        ETags.requireCurrent(expected, preferences.lockVersion(userId));
        long version = preferences.save(userId, wanted, Instant.now().truncatedTo(ChronoUnit.MICROS));
        return new Preferences(wanted.kinds(), wanted.mutedCommunities(), wanted.newRequestCommunities(),
                wanted.newResourceCommunities(), wanted.quietHours(), wanted.digest(), version);
    }

    static Preferences toDomain(PreferencesBody body) {
        if (body == null) {
            throw ApiProblem.invalid("body", "must be the preferences object");
        }
        Map<NotificationKind, KindSetting> chosen = new EnumMap<>(NotificationKind.class);
        if (body.kinds() != null) {
            body.kinds().forEach((name, setting) -> {
                NotificationKind kind = kind(name);
                KindSetting defaults = KindSetting.defaultFor(kind);
                KindSettingBody given = setting == null ? new KindSettingBody(null, null) : setting;
                chosen.put(kind, new KindSetting(given.inApp() == null ? defaults.inApp() : given.inApp(),
                        given.email() == null ? defaults.email() : given.email()));
            });
        }
        Map<NotificationKind, KindSetting> kinds = Preferences.withDefaults(chosen);
        NotificationKind critical = Preferences.criticalTurnedOff(kinds);
        if (critical != null) {
            throw ApiProblem.unprocessable("kinds." + critical.name() + ".inApp", critical.name()
                    + " is critical (a request nobody answered has reached you as the last rung of its ladder) and"
                    + " cannot be turned off in the app; choose its e-mail delivery instead");
        }
        return new Preferences(kinds, set(body.mutedCommunities()), set(body.newRequestCommunities()),
                set(body.newResourceCommunities()), quietHours(body.quietHours()), digest(body.digest()), 0);
    }

    private static NotificationKind kind(String name) {
        try {
            return NotificationKind.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiProblem.invalid("kinds." + name, "is not a notification kind; one of " + KINDS);
        }
    }

    private static Set<UUID> set(Collection<UUID> ids) {
        return ids == null ? Set.of() : new LinkedHashSet<>(ids);
    }

    private static QuietHours quietHours(QuietHoursBody body) {
        if (body == null) {
            return null;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(body.timeZone());
        } catch (DateTimeException e) {
            throw ApiProblem.invalid("quietHours.timeZone", "is not an IANA time zone such as Europe/Paris");
        }
        LocalTime from = LocalTime.parse(body.from());
        LocalTime to = LocalTime.parse(body.to());
        if (from.equals(to)) {
            throw ApiProblem.invalid("quietHours.to", "must differ from quietHours.from");
        }
        return new QuietHours(from, to, zone);
    }

    private static DigestChoice digest(DigestBody body) {
        DigestChoice defaults = DigestChoice.defaults();
        if (body == null) {
            return defaults;
        }
        ZoneId zone = null;
        if (body.timeZone() != null) {
            try {
                zone = ZoneId.of(body.timeZone());
            } catch (DateTimeException e) {
                throw ApiProblem.invalid("digest.timeZone", "is not an IANA time zone such as Europe/Paris");
            }
        }
        return new DigestChoice(body.frequency() == null ? defaults.frequency()
                : DigestSchedule.Frequency.valueOf(body.frequency()),
                body.at() == null ? defaults.at() : LocalTime.parse(body.at()),
                body.dayOfWeek() == null ? defaults.day() : DayOfWeek.valueOf(body.dayOfWeek()), zone);
    }

    /** The settings as the API shows them. */
    public static PreferencesView view(Preferences preferences) {
        Map<NotificationKind, PreferencesView.Setting> kinds = new EnumMap<>(NotificationKind.class);
        preferences.kinds().forEach((kind, setting) -> kinds.put(kind,
                new PreferencesView.Setting(setting.inApp(), setting.email(), kind.critical())));
        QuietHours quiet = preferences.quietHours();
        return new PreferencesView(kinds, sorted(preferences.mutedCommunities()),
                sorted(preferences.newRequestCommunities()), sorted(preferences.newResourceCommunities()),
                quiet == null ? null : new QuietHoursBody(quiet.from().toString(), quiet.to().toString(),
                        quiet.zone().getId()), digestView(preferences.digest()));
    }

    private static DigestBody digestView(DigestChoice digest) {
        return new DigestBody(digest.frequency().name(), digest.at().toString(), digest.day().name(),
                digest.timeZone() == null ? null : digest.timeZone().getId());
    }

    private static List<UUID> sorted(Set<UUID> ids) {
        return ids.stream().sorted().toList();
    }
}
