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
     * first, then most help accepted on those tags, then people not asked in the last 7 days (from a point that
     * turns with every request: {@link #pivot}), then whoever was asked least recently; nobody who was already
     * asked {@code maxPerWeek} times in the last 7 days; never the requester. With a community, its active members;
     * without one, members of the communities the requester can see (public ones and their own).
     */
    public List<Candidate> rankHelpers(UUID requestId, UUID communityId, String requesterId, List<String> tags,
            int maxPerWeek, int limit, boolean firstRung, Instant now) {
        if (tags.isEmpty() || limit <= 0) {
            return List.of();
        }
        return communityId == null ? rank(RANKING_ACROSS_COMMUNITIES, requestId, null, requesterId, tags, maxPerWeek,
                limit, firstRung, now) : rank(SHORTLIST_FIRST, requestId, communityId, requesterId, tags, maxPerWeek,
                limit, firstRung, now);
    }

    /**
     * The same ranking as {@link #rankHelpers} in a community, read from every member whose skills match (the
     * reference the shortlist must agree with; it reads the whole matching tier, so it grows with the community).
     */
    public List<Candidate> rankHelpersReadingEveryMatch(UUID requestId, UUID communityId, String requesterId,
            List<String> tags, int maxPerWeek, int limit, boolean firstRung, Instant now) {
        if (tags.isEmpty() || limit <= 0) {
            return List.of();
        }
        return rank(RANKING_IN_COMMUNITY, requestId, communityId, requesterId, tags, maxPerWeek, limit, firstRung,
                now);
    }

    private List<Candidate> rank(String statement, UUID requestId, UUID communityId, String requesterId,
            List<String> tags, int maxPerWeek, int limit, boolean firstRung, Instant now) {
        // A new request has nobody asked yet: the first rung's statement leaves that check out.
        var query = em.createNativeQuery(forRung(statement, firstRung))
                .setParameter("tags", SqlArrays.text(tags))
                .setParameter("requester", requesterId)
                .setParameter("since", Timestamp.from(now.minus(FAIRNESS_WINDOW)))
                .setParameter("maxPerWeek", maxPerWeek)
                .setParameter("limit", limit)
                .setParameter("pivot", pivot(requestId));
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

    /**
     * Where the order of people equally ranked and not asked this week starts for this request: members whose
     * rotation (a hash of their user id) is at or above it come first, in rotation order, then the rest. So the
     * start turns from request to request, and nobody's id puts them first every time.
     */
    public static int pivot(UUID requestId) {
        return requestId.hashCode();
    }

    /** The statement {@link #rankHelpers} runs in a community (named parameters), for EXPLAIN in benchmarks. */
    public static String rankingInCommunity(boolean firstRung) {
        return forRung(SHORTLIST_FIRST, firstRung);
    }

    private static String forRung(String statement, boolean firstRung) {
        return statement.replace("/*notAskedYet(t)*/", notAskedYet(firstRung, "t"))
                .replace("/*notAskedYet(s)*/", notAskedYet(firstRung, "s"))
                .replace("/*notAskedYet(p)*/", notAskedYet(firstRung, "p"));
    }

    private static String notAskedYet(boolean firstRung, String alias) {
        return firstRung ? "" : " AND NOT EXISTS (SELECT 1 FROM helper_invitation x WHERE x.request_id = :request"
                + " AND x.user_id = " + alias + ".user_id)";
    }

    /**
     * Every member whose skills match, in {@code %1$s}: candidates come sorted by level and accepted help; the
     * fairness counts are then read per candidate, in that order, and the incremental sort stops once the best
     * tier(s) fill the limit: only the tied candidates at the top are looked up, not every match.
     */
    private static final String EVERY_MATCH = """
            candidate AS (
                SELECT s.user_id, max(s.level) AS level, min(s.rotation) AS rotation FROM member_skill s
                WHERE s.skill = ANY (CAST(:tags AS text[])) AND s.user_id <> :requester AND %1$s
                GROUP BY s.user_id),
            helped AS (
                SELECT a.user_id, sum(a.accepted_count) AS helped FROM accepted_help a
                WHERE a.tag = ANY (CAST(:tags AS text[]))
                GROUP BY a.user_id),
            tiered AS (
                SELECT c.user_id, c.level, coalesce(h.helped, 0) AS helped, c.rotation
                FROM candidate c LEFT JOIN helped h ON h.user_id = c.user_id
                ORDER BY c.level DESC, helped DESC),
            ranked AS (
                SELECT t.user_id, t.level, t.helped, r.last_invited, t.rotation
                FROM tiered t
                CROSS JOIN LATERAL (
                    SELECT count(*) AS recent, max(i.invited_at) AS last_invited FROM helper_invitation i
                    WHERE i.user_id = t.user_id AND i.kind = 'HELPER' AND i.invited_at > :since) r
                WHERE r.recent < :maxPerWeek/*notAskedYet(t)*/
                ORDER BY t.level DESC, t.helped DESC, r.last_invited ASC NULLS FIRST, t.rotation < :pivot,
                         t.rotation, t.user_id
                LIMIT :limit)""";

    /** The chosen few, with the skills they matched on (looked up for them only). */
    private static final String CHOSEN = """
            SELECT b.user_id, b.level, b.helped,
                   (SELECT string_agg(DISTINCT s.skill, ' ' ORDER BY s.skill) FROM member_skill s
                    WHERE s.user_id = b.user_id AND s.skill = ANY (CAST(:tags AS text[])) AND %1$s) AS skills
            FROM %2$s b
            ORDER BY b.level DESC, b.helped DESC, b.last_invited ASC NULLS FIRST, b.rotation < :pivot, b.rotation,
                     b.user_id""";

    private static final String IN_COMMUNITY = "s.community_id = :community";

    private static final String RANKING_ACROSS_COMMUNITIES = ("WITH " + EVERY_MATCH + "\n" + CHOSEN).formatted(
            "s.community_id IN (SELECT v.id FROM community_view v WHERE NOT v.archived AND (v.visibility = 'PUBLIC'"
                    + " OR EXISTS (SELECT 1 FROM community_member cm WHERE cm.community_id = v.id"
                    + " AND cm.user_id = :requester)))", "ranked");

    private static final String RANKING_IN_COMMUNITY = ("WITH " + EVERY_MATCH + "\n" + CHOSEN).formatted(
            IN_COMMUNITY, "ranked");

    /**
     * Routing in a community without reading every match. Within a level, whoever was not asked this week ranks in
     * rotation order from the request's pivot, ahead of everyone asked this week (who come least recently asked
     * first); accepted help ranks above both. So the best {@code limit} are among a shortlist: per tag and level, the
     * first {@code limit} members not asked this week from the pivot on and from the lowest rotation on (index
     * order), plus everyone with accepted help on the tags, each ranked on all the tags. The
     * shortlist's best are the answer when they fill the limit at the highest level any match has: nobody asked
     * this week can then rank above them. Otherwise (a small or well-asked community) the ranking over every match
     * runs instead, in the same statement; its branch is never executed when the shortlist decided. "Not asked this
     * week" is a scalar subquery, one index probe per member read: as NOT EXISTS the planner turns it into an
     * anti-join that reads the whole week's invitations for every tag and level.
     */
    private static final String SHORTLIST_FIRST = ("WITH " + EVERY_MATCH + """
            ,
            tag AS (SELECT DISTINCT unnest(CAST(:tags AS text[])) AS skill),
            unasked AS (
                SELECT u.user_id FROM tag t
                CROSS JOIN (VALUES (3), (2), (1)) AS l (level)
                CROSS JOIN LATERAL (
                    (SELECT s.user_id FROM member_skill s
                     WHERE /*unasked(s)*/
                       AND s.rotation >= :pivot
                     ORDER BY s.rotation, s.user_id
                     LIMIT :limit)
                    UNION ALL
                    (SELECT s.user_id FROM member_skill s
                     WHERE /*unasked(s)*/
                       AND s.rotation < :pivot
                     ORDER BY s.rotation, s.user_id
                     LIMIT :limit)) u),
            shortlist AS MATERIALIZED (
                SELECT p.user_id, k.level, coalesce(h.helped, 0) AS helped, r.last_invited, k.rotation
                FROM (SELECT user_id FROM unasked UNION SELECT user_id FROM helped) p
                CROSS JOIN LATERAL (
                    SELECT max(s.level) AS level, min(s.rotation) AS rotation FROM member_skill s
                    WHERE s.community_id = :community AND s.user_id = p.user_id
                      AND s.skill = ANY (CAST(:tags AS text[]))) k
                LEFT JOIN helped h ON h.user_id = p.user_id
                CROSS JOIN LATERAL (
                    SELECT count(*) AS recent, max(i.invited_at) AS last_invited FROM helper_invitation i
                    WHERE i.user_id = p.user_id AND i.kind = 'HELPER' AND i.invited_at > :since) r
                WHERE k.level IS NOT NULL AND p.user_id <> :requester AND r.recent < :maxPerWeek/*notAskedYet(p)*/
                ORDER BY k.level DESC, helped DESC, r.last_invited ASC NULLS FIRST, k.rotation < :pivot, k.rotation,
                         p.user_id
                LIMIT :limit),
            decided AS (
                SELECT count(*) = :limit AND min(level) = (
                    SELECT max(top.level) FROM tag t
                    CROSS JOIN LATERAL (
                        SELECT s.level FROM member_skill s
                        WHERE s.community_id = :community AND s.skill = t.skill AND s.user_id <> :requester
                        ORDER BY s.level DESC
                        LIMIT 1) top) AS exact
                FROM shortlist),
            best AS (
                SELECT user_id, level, helped, last_invited, rotation FROM shortlist WHERE (SELECT exact FROM decided)
                UNION ALL
                SELECT user_id, level, helped, last_invited, rotation FROM ranked WHERE NOT (SELECT exact FROM decided))
            """ + CHOSEN).formatted(IN_COMMUNITY, "best").replace("/*unasked(s)*/", """
            s.community_id = :community AND s.skill = t.skill AND s.level = l.level
                       AND s.user_id <> :requester/*notAskedYet(s)*/
                       AND coalesce((SELECT max(i.invited_at) FROM helper_invitation i
                                     WHERE i.user_id = s.user_id AND i.kind = 'HELPER'), '-infinity') <= :since""");

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
