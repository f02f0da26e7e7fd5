package io.scaffold.requests.repository;

import io.scaffold.platform.sql.ScalarResults;
import io.scaffold.requests.domain.AudienceKind;
import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who was asked to help with which request, and the ranking that picks the next people to ask. */
@ApplicationScoped
public class InvitationRepository {
    private static final Duration FAIRNESS_WINDOW = Duration.ofDays(7);

    private final EntityManager em;

    public InvitationRepository(EntityManager em) {
        this.em = em;
    }

    /** A person who could help, with what ranked them: declared level (1-3) and help accepted on these tags. */
    public record Candidate(String userId, int level, long acceptedHelp, List<String> matchedSkills) {
    }

    /** {@code position} is the rank within its rung: 0 is the best match. */
    public record Invitation(String userId, AudienceKind kind, int level, int position, int score, String reason,
            Instant invitedAt) {
    }

    /**
     * The best {@code limit} helpers for the tags who were not asked for this request yet: best declared level
     * first, then most help accepted on those tags, then whoever was asked least recently; nobody who was already
     * asked {@code maxPerWeek} times in the last 7 days; never the requester. With a community, its active members;
     * without one, members of the communities the requester can see (public ones and their own).
     */
    public List<Candidate> rankHelpers(UUID requestId, UUID communityId, String requesterId, List<String> tags,
            int maxPerWeek, int limit, boolean firstRung, Instant now) {
        if (tags.isEmpty() || limit <= 0) {
            return List.of();
        }
        String scope = communityId != null ? "s.community_id = :community"
                : "s.community_id IN (SELECT v.id FROM community_view v WHERE NOT v.archived AND (v.visibility = "
                        + "'PUBLIC' OR EXISTS (SELECT 1 FROM community_member cm WHERE cm.community_id = v.id AND "
                        + "cm.user_id = :requester)))";
        // A new request has nobody asked yet: the first rung's statement leaves that check out.
        String notAskedYet = firstRung ? ""
                : " AND NOT EXISTS (SELECT 1 FROM helper_invitation x WHERE x.request_id = :request"
                        + " AND x.user_id = t.user_id)";
        // Candidates come sorted by level and accepted help; the fairness counts are then read per candidate, in that
        // order, and the incremental sort stops once the best tier(s) fill the limit: only the tied candidates at the
        // top are looked up, not every match. The matched skills are looked up for the chosen few only.
        var query = em.createNativeQuery("""
                WITH candidate AS (
                    SELECT s.user_id, max(s.level) AS level FROM member_skill s
                    WHERE s.skill = ANY (CAST(:tags AS text[])) AND s.user_id <> :requester AND %1$s
                    GROUP BY s.user_id),
                helped AS (
                    SELECT a.user_id, sum(a.accepted_count) AS helped FROM accepted_help a
                    WHERE a.tag = ANY (CAST(:tags AS text[]))
                    GROUP BY a.user_id),
                tiered AS (
                    SELECT c.user_id, c.level, coalesce(h.helped, 0) AS helped
                    FROM candidate c LEFT JOIN helped h ON h.user_id = c.user_id
                    ORDER BY c.level DESC, helped DESC),
                best AS (
                    SELECT t.user_id, t.level, t.helped, r.last_invited
                    FROM tiered t
                    CROSS JOIN LATERAL (
                        SELECT count(*) AS recent, max(i.invited_at) AS last_invited FROM helper_invitation i
                        WHERE i.user_id = t.user_id AND i.kind = 'HELPER' AND i.invited_at > :since) r
                    WHERE r.recent < :maxPerWeek%2$s
                    ORDER BY t.level DESC, t.helped DESC, r.last_invited ASC NULLS FIRST, t.user_id
                    LIMIT :limit)
                SELECT b.user_id, b.level, b.helped,
                       (SELECT string_agg(DISTINCT s.skill, ' ' ORDER BY s.skill) FROM member_skill s
                        WHERE s.user_id = b.user_id AND s.skill = ANY (CAST(:tags AS text[])) AND %1$s) AS skills
                FROM best b
                ORDER BY b.level DESC, b.helped DESC, b.last_invited ASC NULLS FIRST, b.user_id""".formatted(scope,
                        notAskedYet))
                .setParameter("tags", SqlArrays.text(tags))
                .setParameter("requester", requesterId)
                .setParameter("since", Timestamp.from(now.minus(FAIRNESS_WINDOW)))
                .setParameter("maxPerWeek", maxPerWeek)
                .setParameter("limit", limit);
        if (communityId != null) {
            query.setParameter("community", communityId);
        }
        if (!firstRung) {
            query.setParameter("request", requestId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Candidate((String) r[0], ((Number) r[1]).intValue(),
                ((Number) r[2]).longValue(), List.of(((String) r[3]).split(" ")))).toList();
    }

    /** Owners and facilitators of the community who were not asked for this request yet (never the requester). */
    public List<String> facilitators(UUID requestId, UUID communityId, String requesterId) {
        return ScalarResults.list(em.createNativeQuery("""
                SELECT m.user_id FROM community_member m
                WHERE m.community_id = :c AND m.role IN ('OWNER', 'FACILITATOR') AND m.user_id <> :requester
                  AND NOT EXISTS (SELECT 1 FROM helper_invitation x WHERE x.request_id = :r AND x.user_id = m.user_id)
                ORDER BY m.user_id""")
                .setParameter("c", communityId).setParameter("requester", requesterId).setParameter("r", requestId),
                String.class);
    }

    /**
     * For a request outside any community: owners and facilitators of the public communities that share one of its
     * tags, busiest topics first.
     */
    public List<String> facilitatorsByTopic(UUID requestId, List<String> tags, String requesterId, int limit) {
        if (tags.isEmpty()) {
            return List.of();
        }
        return ScalarResults.list(em.createNativeQuery("""
                SELECT DISTINCT m.user_id FROM community_view v
                JOIN community_member m ON m.community_id = v.id AND m.role IN ('OWNER', 'FACILITATOR')
                WHERE v.visibility = 'PUBLIC' AND NOT v.archived AND v.tags && CAST(:tags AS text[])
                  AND m.user_id <> :requester
                  AND NOT EXISTS (SELECT 1 FROM helper_invitation x WHERE x.request_id = :r AND x.user_id = m.user_id)
                ORDER BY m.user_id LIMIT :limit""")
                .setParameter("tags", SqlArrays.text(tags)).setParameter("requester", requesterId)
                .setParameter("r", requestId).setParameter("limit", limit), String.class);
    }

    /** Records the invitations of one rung in one statement. */
    public void invite(UUID requestId, List<Invitation> invitations) {
        if (invitations.isEmpty()) {
            return;
        }
        Invitation first = invitations.get(0);
        em.createNativeQuery("""
                INSERT INTO helper_invitation (request_id, user_id, kind, level, position, score, reason, invited_at)
                SELECT :r, t.user_id, t.kind, t.level, t.position, t.score, t.reason, :at
                FROM unnest(CAST(:users AS text[]), CAST(:kinds AS text[]), CAST(:levels AS int[]),
                            CAST(:positions AS int[]), CAST(:scores AS int[]), CAST(:reasons AS text[]))
                     AS t(user_id, kind, level, position, score, reason)
                ON CONFLICT DO NOTHING""")
                .setParameter("r", requestId)
                .setParameter("users", SqlArrays.text(invitations.stream().map(Invitation::userId)
                        .toList()))
                .setParameter("kinds", SqlArrays.text(invitations.stream().map(i -> i.kind().name())
                        .toList()))
                .setParameter("levels", SqlArrays.integers(invitations.stream().map(Invitation::level).toList()))
                .setParameter("positions", SqlArrays.integers(invitations.stream().map(Invitation::position).toList()))
                .setParameter("scores", SqlArrays.integers(invitations.stream().map(Invitation::score).toList()))
                .setParameter("reasons", SqlArrays.text(invitations.stream().map(Invitation::reason)
                        .toList()))
                .setParameter("at", Timestamp.from(first.invitedAt())).executeUpdate();
    }

    public boolean isInvited(UUID requestId, String userId) {
        return !em.createNativeQuery("SELECT 1 FROM helper_invitation WHERE request_id = :r AND user_id = :u")
                .setParameter("r", requestId).setParameter("u", userId).getResultList().isEmpty();
    }

    public List<Invitation> ofRequest(UUID requestId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT user_id, kind, level, position, score, reason, invited_at FROM helper_invitation
                WHERE request_id = :r ORDER BY level, position, user_id""")
                .setParameter("r", requestId).getResultList();
        return rows.stream().map(r -> new Invitation((String) r[0], AudienceKind.valueOf((String) r[1]),
                ((Number) r[2]).intValue(), ((Number) r[3]).intValue(), ((Number) r[4]).intValue(), (String) r[5],
                toInstant(r[6]))).toList();
    }

    static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
