package io.scaffold.communities.repository;

import io.scaffold.communities.domain.SharedResource;
import io.scaffold.platform.sql.ScalarResults;
import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a snapshot reads, page by page in key order (user ids in byte order, so that every consumer's database
 * compares them the same way whatever its collation), and the snapshot runs.
 */
@ApplicationScoped
public class SnapshotRepository {
    private final EntityManager em;

    public SnapshotRepository(EntityManager em) {
        this.em = em;
    }

    public record MemberRow(String userId, String role, List<SkillRow> skills) {
    }

    public record SkillRow(String skill, String level) {
    }

    public record Run(UUID id, String status, String requestedBy, Instant requestedAt, Instant startedAt,
            Instant finishedAt, int communities, int events) {
    }

    /** Community ids after {@code after}, every community (archived ones too), in id order. */
    public List<UUID> communityIdsAfter(UUID after, int limit) {
        return ScalarResults.list(em.createNativeQuery("SELECT id FROM community WHERE (CAST(:after AS uuid) IS NULL"
                        + " OR id > CAST(:after AS uuid)) ORDER BY id LIMIT :limit")
                .setParameter("after", after == null ? null : after.toString()).setParameter("limit", limit),
                UUID.class);
    }

    /** Active members after {@code after} in byte order, each with their declared skills. */
    @SuppressWarnings("unchecked")
    public List<MemberRow> activeMembersAfter(UUID communityId, String after, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT user_id, role FROM membership
                        WHERE community_id = :c AND status = 'ACTIVE'
                          AND (CAST(:after AS text) IS NULL OR user_id COLLATE "C" > :after)
                        ORDER BY user_id COLLATE "C" LIMIT :limit""")
                .setParameter("c", communityId).setParameter("after", after).setParameter("limit", limit)
                .getResultList();
        Map<String, MemberRow> members = new LinkedHashMap<>();
        for (Object[] row : rows) {
            members.put((String) row[0], new MemberRow((String) row[0], (String) row[1], new ArrayList<>()));
        }
        if (!members.isEmpty()) {
            List<Object[]> skills = em.createNativeQuery("""
                            SELECT user_id, skill, level FROM member_skill
                            WHERE community_id = :c AND user_id = ANY(CAST(:users AS text[]))
                            ORDER BY user_id, skill""")
                    .setParameter("c", communityId)
                    .setParameter("users", SqlArrays.text(new ArrayList<>(members.keySet())))
                    .getResultList();
            for (Object[] skill : skills) {
                members.get((String) skill[0]).skills().add(new SkillRow((String) skill[1], (String) skill[2]));
            }
        }
        return new ArrayList<>(members.values());
    }

    @SuppressWarnings("unchecked")
    public List<SharedResource> resourcesAfter(UUID communityId, UUID after, int limit) {
        return em.createNativeQuery("""
                        SELECT * FROM shared_resource WHERE community_id = :c
                          AND (CAST(:after AS uuid) IS NULL OR id > CAST(:after AS uuid))
                        ORDER BY id LIMIT :limit""", SharedResource.class)
                .setParameter("c", communityId).setParameter("after", after == null ? null : after.toString())
                .setParameter("limit", limit).getResultList();
    }

    /** Asks for a run unless one is already asked for or running (one at a time, across replicas). */
    public Run request(String requestedBy) {
        em.createNativeQuery("""
                        INSERT INTO community_snapshot (id, status, requested_by, requested_at)
                        VALUES (:id, 'REQUESTED', :by, now()) ON CONFLICT DO NOTHING""")
                .setParameter("id", UUID.randomUUID()).setParameter("by", requestedBy).executeUpdate();
        return runs("WHERE status IN ('REQUESTED', 'RUNNING')", Map.of(), 1).get(0);
    }

    /**
     * Claims the run asked for, or one whose replica stopped beating for {@code staleAfterSeconds} (it starts over).
     */
    public Optional<UUID> claim(int staleAfterSeconds) {
        List<UUID> claimed = ScalarResults.list(em.createNativeQuery("""
                        UPDATE community_snapshot SET status = 'RUNNING', started_at = now(), heartbeat_at = now(),
                            communities = 0, events = 0
                        WHERE id = (SELECT id FROM community_snapshot
                                    WHERE status = 'REQUESTED' OR (status = 'RUNNING'
                                          AND heartbeat_at < now() - make_interval(secs => :stale))
                                    LIMIT 1 FOR UPDATE SKIP LOCKED)
                        RETURNING id""")
                .setParameter("stale", staleAfterSeconds), UUID.class);
        return claimed.stream().findFirst();
    }

    public void progress(UUID run, int communities, int events) {
        em.createNativeQuery("UPDATE community_snapshot SET heartbeat_at = now(), communities = :c, events = :e"
                        + " WHERE id = :id AND status = 'RUNNING'")
                .setParameter("c", communities).setParameter("e", events).setParameter("id", run).executeUpdate();
    }

    public void complete(UUID run, int communities, int events) {
        em.createNativeQuery("UPDATE community_snapshot SET status = 'COMPLETED', finished_at = now(),"
                        + " heartbeat_at = now(), communities = :c, events = :e WHERE id = :id")
                .setParameter("c", communities).setParameter("e", events).setParameter("id", run).executeUpdate();
    }

    /**
     * When the periodic schedule last counted from: the latest run asked for, or, before the first run, the oldest
     * community (the topic still holds everything since then).
     */
    public Optional<Instant> periodStart() {
        Object value = em.createNativeQuery("SELECT coalesce((SELECT max(requested_at) FROM community_snapshot),"
                + " (SELECT min(created_at) FROM community))").getSingleResult();
        return Optional.ofNullable(instant(value));
    }

    public Optional<Run> find(UUID id) {
        return runs("WHERE id = :id", Map.of("id", id), 1).stream().findFirst();
    }

    public List<Run> latest(int limit) {
        return runs("", Map.of(), limit);
    }

    @SuppressWarnings("unchecked")
    private List<Run> runs(String where, Map<String, Object> parameters, int limit) {
        var query = em.createNativeQuery("SELECT id, status, requested_by, requested_at, started_at, finished_at,"
                + " communities, events FROM community_snapshot " + where
                + " ORDER BY requested_at DESC LIMIT " + limit);
        parameters.forEach(query::setParameter);
        List<Run> runs = new ArrayList<>();
        for (Object[] row : (List<Object[]>) query.getResultList()) {
            runs.add(new Run((UUID) row[0], (String) row[1], (String) row[2], instant(row[3]), instant(row[4]),
                    instant(row[5]), ((Number) row[6]).intValue(), ((Number) row[7]).intValue()));
        }
        return runs;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return value instanceof Instant i ? i : ((java.time.OffsetDateTime) value).toInstant();
    }
}
