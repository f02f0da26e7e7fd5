package io.scaffold.requests.repository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing in a community reads a shortlist instead of every matching member: on random communities, skills, accepted
 * help and invitation histories (fresh, under the weekly cap, at it, older than a week) it picks exactly whom the
 * ranking over every match picks, in the same order, on the first rung and on later ones, from a community where the
 * shortlist decides (many people not asked this week) and from one where the full ranking must run (few people,
 * most of them asked).
 */
@QuarkusTest
class RoutingShortlistTest {
    private static final int MAX_PER_WEEK = 5;

    @Inject
    InvitationRepository invitations;

    @Inject
    EntityManager em;

    private record Community(UUID id, List<String> members, List<String> tags, List<UUID> requests) {
    }

    @Test
    void theShortlistPicksExactlyWhomTheRankingOverEveryMatchPicksInALargeLightlyAskedCommunity() {
        assertSameRanking(seed(new Random(17), 600, 8, 150), new Random(18));
    }

    @Test
    void theShortlistPicksExactlyWhomTheRankingOverEveryMatchPicksInASmallWellAskedCommunity() {
        assertSameRanking(seed(new Random(27), 25, 4, 200), new Random(28));
    }

    @Test
    void amongPeopleNotAskedThisWeekTheFirstTurnsFromRequestToRequestRatherThanFollowingTheirIds() {
        Community community = seed(new Random(37), 0, 1, 0);
        String tag = community.tags().get(0);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int m = 0; m < 12; m++) {
                em.createNativeQuery("INSERT INTO member_skill (community_id, user_id, skill, level)"
                                + " VALUES (:c, :u, :s, 3)").setParameter("c", community.id())
                        .setParameter("u", tag + "-expert-" + (char) ('a' + m)).setParameter("s", tag).executeUpdate();
            }
        });
        Instant now = Instant.now();
        java.util.Set<String> firsts = new java.util.TreeSet<>();
        for (int i = 0; i < 20; i++) {
            UUID request = UUID.randomUUID();
            firsts.add(QuarkusTransaction.requiringNew().call(() -> invitations.rankHelpers(request, community.id(),
                    "asker", List.of(tag), MAX_PER_WEEK, 1, true, now)).get(0).userId());
        }
        assertThat(firsts).as("first helper of 20 requests").hasSizeGreaterThan(2);
    }

    private void assertSameRanking(Community community, Random random) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int round = 0; round < 150; round++) {
            String requester = community.members().get(random.nextInt(community.members().size()));
            List<String> tags = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                tags.add(community.tags().get(random.nextInt(community.tags().size())));
            }
            int limit = List.of(1, 3, 5, 12).get(random.nextInt(4));
            boolean firstRung = random.nextBoolean();
            UUID request = community.requests().get(random.nextInt(community.requests().size()));
            List<InvitationRepository.Candidate> shortlisted = QuarkusTransaction.requiringNew().call(() ->
                    invitations.rankHelpers(request, community.id(), requester, tags, MAX_PER_WEEK, limit,
                            firstRung, now));
            List<InvitationRepository.Candidate> everyMatch = QuarkusTransaction.requiringNew().call(() ->
                    invitations.rankHelpersReadingEveryMatch(request, community.id(), requester, tags, MAX_PER_WEEK,
                            limit, firstRung, now));
            assertThat(shortlisted).as("%s asks about %s (limit %d, first rung %s)", requester, tags, limit,
                    firstRung).isEqualTo(everyMatch);
        }
    }

    /**
     * {@code size} members with 1-3 of {@code tagCount} skills at random levels, a few with accepted help, and
     * {@code invited} helper invitations spread over the last nine days (some people past the weekly cap).
     */
    private Community seed(Random random, int size, int tagCount, int invited) {
        UUID id = UUID.randomUUID();
        String prefix = "sl" + id.toString().substring(0, 8) + "-";
        List<String> members = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < tagCount; i++) {
            tags.add(prefix + "tag" + i);
        }
        List<UUID> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(UUID.randomUUID());
        }
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int m = 0; m < size; m++) {
                String member = prefix + String.format("%04d", random.nextInt(10_000)) + "-" + m;
                members.add(member);
                int skills = 1 + random.nextInt(3);
                for (int k = 0; k < skills; k++) {
                    em.createNativeQuery("INSERT INTO member_skill (community_id, user_id, skill, level)"
                                    + " VALUES (:c, :u, :s, :l) ON CONFLICT DO NOTHING")
                            .setParameter("c", id).setParameter("u", member)
                            .setParameter("s", tags.get(random.nextInt(tagCount)))
                            .setParameter("l", (short) (1 + random.nextInt(3))).executeUpdate();
                }
                if (random.nextInt(12) == 0) {
                    em.createNativeQuery("INSERT INTO accepted_help (user_id, tag, accepted_count)"
                                    + " VALUES (:u, :t, :n)").setParameter("u", member)
                            .setParameter("t", tags.get(random.nextInt(tagCount)))
                            .setParameter("n", 1 + random.nextInt(3)).executeUpdate();
                }
            }
            for (UUID request : requests) {
                em.createNativeQuery("INSERT INTO help_request (id, title, body, urgency, community_id,"
                                + " requester_id, status, created_at, updated_at)"
                                + " VALUES (:id, 'Seeded', 'for routing', 'NORMAL', :c, :r, 'OPEN', :at, :at)")
                        .setParameter("id", request).setParameter("c", id).setParameter("r", prefix + "requester")
                        .setParameter("at", Timestamp.from(now)).executeUpdate();
            }
            for (int i = 0; i < invited; i++) {
                String member = members.get(random.nextInt(members.size()));
                // distinct instants: "least recently asked" is then a strict order, as with real traffic
                Instant at = now.minus(Duration.ofMinutes(random.nextInt(9 * 24 * 60))).plusMillis(i);
                em.createNativeQuery("INSERT INTO helper_invitation (request_id, user_id, kind, level, reason,"
                                + " invited_at) VALUES (:r, :u, 'HELPER', 0, 'seeded', :at) ON CONFLICT DO NOTHING")
                        .setParameter("r", requests.get(random.nextInt(requests.size()))).setParameter("u", member)
                        .setParameter("at", Timestamp.from(at)).executeUpdate();
            }
        });
        return new Community(id, members, tags, requests);
    }
}
