package io.scaffold.notifications.repository;

import io.scaffold.notifications.domain.DigestSchedule;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.repository.EmailMessageRepository.Item;
import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static io.scaffold.notifications.repository.WebhookEndpointRepository.instant;
import static io.scaffold.notifications.repository.WebhookEndpointRepository.timestamp;

/** Who has items waiting for a digest, on which schedule, and the items themselves. */
@ApplicationScoped
public class DigestRepository {
    /** Each kind's e-mail default, for the people who never chose (no kind_preference row). */
    private static final String DEFAULTS = Arrays.stream(NotificationKind.values())
            .map(k -> "('" + k.name() + "', '" + k.defaultEmail().name() + "')").collect(Collectors.joining(", "));

    private final EntityManager em;

    public DigestRepository(EntityManager em) {
        this.em = em;
    }

    /** A person with items waiting since {@code since}, and when their digest goes out. */
    public record Waiting(String userId, Instant since, DigestSchedule schedule) {
    }

    /**
     * Everyone with items waiting. The zone is the one the person chose for their digest, else their token's
     * {@code zoneinfo}, else their quiet hours', else UTC.
     */
    public List<Waiting> waiting() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT d.user_id, d.since, coalesce(p.digest_frequency, 'DAILY'),
                       CAST(coalesce(p.digest_time, TIME '08:00') AS text), coalesce(p.digest_day, 'MONDAY'),
                       coalesce(p.time_zone, k.zoneinfo, p.quiet_zone, 'UTC')
                FROM digest_pending d
                LEFT JOIN preference p ON p.user_id = d.user_id
                LEFT JOIN known_person k ON k.user_id = d.user_id""", Object[].class).getResultList();
        return rows.stream().map(r -> new Waiting((String) r[0], instant(r[1]), new DigestSchedule(
                DigestSchedule.Frequency.valueOf((String) r[2]), LocalTime.parse((String) r[3]),
                DayOfWeek.valueOf((String) r[4]), zone((String) r[5])))).toList();
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    /**
     * Takes these people's digests for this run: their rows are deleted in the caller's transaction, so a replica
     * running at the same time finds them gone (it waits on the row locks, then deletes nothing).
     */
    public List<String> claim(List<String> userIds) {
        @SuppressWarnings("unchecked")
        List<String> claimed = em.createNativeQuery("DELETE FROM digest_pending WHERE user_id = ANY(CAST(:users AS"
                        + " text[])) RETURNING user_id").setParameter("users", SqlArrays.text(userIds))
                .getResultList();
        return claimed;
    }

    /**
     * Per person, their newest unread items of the kinds they get in the digest, never mailed yet, created after
     * {@code notBefore}: at most {@code perPerson} each, newest first.
     */
    public List<Item> items(List<String> userIds, Instant notBefore, int perPerson) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT n.id, n.user_id, n.kind, n.title, n.body, n.link, n.status, c.name, n.created_at
                        FROM unnest(CAST(:users AS text[])) AS u(user_id)
                        CROSS JOIN LATERAL (
                            SELECT n.* FROM notification n
                            JOIN (VALUES\s""" + DEFAULTS + """
                        ) AS d(kind, email) ON d.kind = n.kind
                            LEFT JOIN kind_preference k ON k.user_id = n.user_id AND k.kind = n.kind
                            WHERE n.user_id = u.user_id AND n.status = 'UNREAD' AND n.mailed_at IS NULL
                              AND n.created_at > :notBefore AND coalesce(k.email, d.email) = 'DIGEST'
                            ORDER BY n.id DESC NULLS LAST LIMIT :limit
                        ) n
                        LEFT JOIN community_view c ON c.id = n.community_id
                        ORDER BY n.user_id, n.id DESC""", Object[].class)
                .setParameter("users", SqlArrays.text(userIds)).setParameter("notBefore", timestamp(notBefore))
                .setParameter("limit", perPerson).getResultList();
        return rows.stream().map(EmailMessageRepository::item).toList();
    }

    /** These items went out in a digest: never mailed again. */
    public void mailed(List<Long> notificationIds, Instant now) {
        if (notificationIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE notification SET mailed_at = :now WHERE id = ANY(CAST(:ids AS bigint[]))")
                .setParameter("now", timestamp(now))
                .setParameter("ids", SqlArrays.text(notificationIds.stream().map(String::valueOf).toList()))
                .executeUpdate();
    }
}
