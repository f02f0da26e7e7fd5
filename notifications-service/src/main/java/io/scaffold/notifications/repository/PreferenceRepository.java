package io.scaffold.notifications.repository;

import io.scaffold.notifications.domain.CommunitySetting;
import io.scaffold.notifications.domain.DigestChoice;
import io.scaffold.notifications.domain.DigestSchedule;
import io.scaffold.notifications.domain.EmailDelivery;
import io.scaffold.notifications.domain.KindSetting;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.Preferences;
import io.scaffold.notifications.domain.QuietHours;
import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** People's notification settings: only what differs from the defaults is stored. */
@ApplicationScoped
public class PreferenceRepository {
    private final EntityManager em;

    public PreferenceRepository(EntityManager em) {
        this.em = em;
    }

    public Preferences load(String userId) {
        List<Object[]> head = em.createNativeQuery("SELECT CAST(quiet_from AS text), CAST(quiet_to AS text), quiet_zone, version,"
                + " digest_frequency, CAST(digest_time AS text), digest_day, time_zone FROM preference"
                + " WHERE user_id = :u", Object[].class).setParameter("u", userId).getResultList();
        if (head.isEmpty()) {
            return Preferences.defaults();
        }
        Map<NotificationKind, KindSetting> kinds = new EnumMap<>(NotificationKind.class);
        List<Object[]> kindRows = em.createNativeQuery("SELECT kind, in_app, email FROM kind_preference"
                + " WHERE user_id = :u", Object[].class).setParameter("u", userId).getResultList();
        for (Object[] row : kindRows) {
            kinds.put(NotificationKind.valueOf((String) row[0]),
                    new KindSetting((Boolean) row[1], EmailDelivery.valueOf((String) row[2])));
        }
        Map<CommunitySetting, Set<UUID>> communities = new EnumMap<>(CommunitySetting.class);
        for (CommunitySetting setting : CommunitySetting.values()) {
            communities.put(setting, new HashSet<>());
        }
        List<Object[]> settingRows = em.createNativeQuery("SELECT CAST(community_id AS text), setting FROM community_setting"
                + " WHERE user_id = :u", Object[].class).setParameter("u", userId).getResultList();
        for (Object[] row : settingRows) {
            communities.get(CommunitySetting.valueOf((String) row[1])).add(UUID.fromString((String) row[0]));
        }
        Object[] quiet = head.get(0);
        return new Preferences(Preferences.withDefaults(kinds), communities.get(CommunitySetting.MUTED),
                communities.get(CommunitySetting.NEW_REQUESTS), communities.get(CommunitySetting.NEW_RESOURCES),
                quietHours(quiet[0], quiet[1], quiet[2]), new DigestChoice(
                        DigestSchedule.Frequency.valueOf((String) quiet[4]), LocalTime.parse((String) quiet[5]),
                        java.time.DayOfWeek.valueOf((String) quiet[6]), quiet[7] == null ? null
                        : ZoneId.of((String) quiet[7])), ((Number) quiet[3]).longValue());
    }

    /** The version the person's settings have now (0: never saved), locking them until the transaction ends. */
    public long lockVersion(String userId) {
        List<?> rows = em.createNativeQuery("SELECT version FROM preference WHERE user_id = :u FOR UPDATE")
                .setParameter("u", userId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /** Replaces the person's settings; returns the new version. */
    public long save(String userId, Preferences preferences, Instant now) {
        QuietHours quiet = preferences.quietHours();
        DigestChoice digest = preferences.digest();
        long version = ((Number) em.createNativeQuery("""
                INSERT INTO preference (user_id, quiet_from, quiet_to, quiet_zone, digest_frequency, digest_time,
                                        digest_day, time_zone, version, updated_at)
                VALUES (:u, CAST(:from AS time), CAST(:to AS time), :zone, :frequency, CAST(:at AS time), :day,
                        :timeZone, 1, :now)
                ON CONFLICT (user_id) DO UPDATE SET quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to,
                    quiet_zone = excluded.quiet_zone, digest_frequency = excluded.digest_frequency,
                    digest_time = excluded.digest_time, digest_day = excluded.digest_day,
                    time_zone = excluded.time_zone, version = preference.version + 1, updated_at = excluded.updated_at
                RETURNING version""")
                .setParameter("frequency", digest.frequency().name()).setParameter("at", digest.at().toString())
                .setParameter("day", digest.day().name())
                .setParameter("timeZone", digest.timeZone() == null ? null : digest.timeZone().getId())
                .setParameter("u", userId)
                .setParameter("from", quiet == null ? null : quiet.from().toString())
                .setParameter("to", quiet == null ? null : quiet.to().toString())
                .setParameter("zone", quiet == null ? null : quiet.zone().getId())
                .setParameter("now", Timestamp.from(now)).getSingleResult()).longValue();
        em.createNativeQuery("DELETE FROM kind_preference WHERE user_id = :u").setParameter("u", userId)
                .executeUpdate();
        preferences.kinds().forEach((kind, setting) -> {
            if (!setting.equals(KindSetting.defaultFor(kind))) {
                em.createNativeQuery("INSERT INTO kind_preference (user_id, kind, in_app, email)"
                                + " VALUES (:u, :kind, :inApp, :email)").setParameter("u", userId)
                        .setParameter("kind", kind.name()).setParameter("inApp", setting.inApp())
                        .setParameter("email", setting.email().name()).executeUpdate();
            }
        });
        em.createNativeQuery("DELETE FROM community_setting WHERE user_id = :u").setParameter("u", userId)
                .executeUpdate();
        insertSettings(userId, CommunitySetting.MUTED, preferences.mutedCommunities());
        insertSettings(userId, CommunitySetting.NEW_REQUESTS, preferences.newRequestCommunities());
        insertSettings(userId, CommunitySetting.NEW_RESOURCES, preferences.newResourceCommunities());
        return version;
    }

    private void insertSettings(String userId, CommunitySetting setting, Set<UUID> communities) {
        if (communities.isEmpty()) {
            return;
        }
        em.createNativeQuery("INSERT INTO community_setting (user_id, community_id, setting)"
                        + " SELECT :u, c, :setting FROM unnest(CAST(:communities AS uuid[])) AS c")
                .setParameter("u", userId).setParameter("setting", setting.name())
                .setParameter("communities", SqlArrays.text(communities.stream().map(UUID::toString).toList()))
                .executeUpdate();
    }

    /**
     * The condition under which the person in column {@code user} gets an item of kind {@code :kind} about
     * community {@code :community} in the app: they did not turn the kind off, nor mute the community. The fan-out
     * writes with it; {@link #exclusions} explains it.
     */
    static String wantsInApp(String user) {
        return "NOT EXISTS (SELECT 1 FROM kind_preference k WHERE k.user_id = " + user + " AND k.kind = :kind"
                + " AND NOT k.in_app) AND " + notMuted(user);
    }

    /** The person in column {@code user} did not mute community {@code :community}. */
    static String notMuted(String user) {
        return "NOT EXISTS (SELECT 1 FROM community_setting s WHERE s.user_id = " + user
                + " AND s.community_id = CAST(:community AS uuid) AND s.setting = 'MUTED')";
    }

    /**
     * Who among {@code users} does not want this kind in the app, or muted the community, with why (one statement
     * for the whole audience).
     */
    public Map<String, String> exclusions(List<String> users, NotificationKind kind, UUID communityId) {
        if (users.isEmpty() || kind.critical()) {
            return Map.of();
        }
        List<Object[]> rows = em.createNativeQuery("""
                SELECT k.user_id, 'turned ' || k.kind || ' off in the app' FROM kind_preference k
                WHERE k.user_id = ANY(CAST(:users AS text[])) AND k.kind = :kind AND NOT k.in_app
                UNION ALL
                SELECT s.user_id, 'muted the community' FROM community_setting s
                WHERE s.user_id = ANY(CAST(:users AS text[])) AND s.community_id = CAST(:community AS uuid)
                  AND s.setting = 'MUTED'""", Object[].class)
                .setParameter("users", SqlArrays.text(users)).setParameter("kind", kind.name())
                .setParameter("community", communityId == null ? null : communityId.toString()).getResultList();
        Map<String, String> excluded = new LinkedHashMap<>();
        rows.forEach(row -> excluded.putIfAbsent((String) row[0], (String) row[1]));
        return excluded;
    }

    /** The e-mail choices for this kind of those of {@code users} who changed it from the kind's default. */
    public Map<String, EmailDelivery> emailChoices(List<String> users, NotificationKind kind) {
        Map<String, EmailDelivery> choices = new HashMap<>();
        if (users.isEmpty()) {
            return choices;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT user_id, email FROM kind_preference"
                        + " WHERE user_id = ANY(CAST(:users AS text[])) AND kind = :kind", Object[].class)
                .setParameter("users", SqlArrays.text(users)).setParameter("kind", kind.name()).getResultList();
        rows.forEach(row -> choices.put((String) row[0], EmailDelivery.valueOf((String) row[1])));
        return choices;
    }

    /** The quiet hours of those of {@code users} who set some. */
    public Map<String, QuietHours> quietHours(List<String> users) {
        Map<String, QuietHours> quiet = new HashMap<>();
        if (users.isEmpty()) {
            return quiet;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT user_id, CAST(quiet_from AS text), CAST(quiet_to AS text), quiet_zone FROM preference"
                        + " WHERE user_id = ANY(CAST(:users AS text[])) AND quiet_from IS NOT NULL", Object[].class)
                .setParameter("users", SqlArrays.text(users)).getResultList();
        rows.forEach(row -> quiet.put((String) row[0], quietHours(row[1], row[2], row[3])));
        return quiet;
    }

    private static QuietHours quietHours(Object from, Object to, Object zone) {
        if (from == null) {
            return null;
        }
        return new QuietHours(LocalTime.parse((String) from), LocalTime.parse((String) to),
                ZoneId.of((String) zone));
    }
}
