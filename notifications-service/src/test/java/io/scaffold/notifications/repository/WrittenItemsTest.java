package io.scaffold.notifications.repository;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.domain.Notification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static io.scaffold.platform.testing.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** What one commit wrote, for the people connected to this replica: read from whichever side is smaller. */
@QuarkusTest
class WrittenItemsTest {
    @Inject
    NotificationRepository notifications;

    @Inject
    EntityManager em;

    @Test
    void aCommitsUnreadItemsForTheConnectedPeopleComeInOrderWhetherThereAreFewOrManyConnected() {
        String ann = unique("ann");
        String bob = unique("bob");
        String cat = unique("cat");
        long first = item(ann, "UNREAD");
        long bobs = item(bob, "UNREAD");
        long read = item(ann, "READ");
        long cats = item(cat, "UNREAD");
        long last = item(ann, "UNREAD");

        // fewer people connected than ids in the range: the people drive the read
        assertThat(written(first, last, Set.of(ann))).containsExactly(first, last);
        // more people connected than ids in the range: the range drives it, the people filter it
        Set<String> many = new java.util.HashSet<>(Set.of(ann, cat));
        IntStream.range(0, 50).forEach(i -> many.add(unique("idle")));
        assertThat(written(first, last, many)).containsExactly(first, cats, last).doesNotContain(bobs, read);
        assertThat(written(bobs, bobs, Set.of(ann, bob))).containsExactly(bobs);
        assertThat(written(first, last, Set.of(unique("stranger")))).isEmpty();
    }

    private List<Long> written(long from, long to, Set<String> users) {
        return QuarkusTransaction.requiringNew().call(() -> notifications.written(from, to, users).stream()
                .map(n -> n.id).toList());
    }

    private long item(String user, String status) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id, subject_id,
                                                  event_count, status, created_at, updated_at)
                        VALUES (nextval('notification_id_seq'), :user, 'RESPONSE_POSTED', 't', 'b', '/api/requests/x',
                                gen_random_uuid()::text, gen_random_uuid()::text, 1, :status, now(), now())
                        RETURNING id""").setParameter("user", user).setParameter("status", status)
                .getSingleResult()).longValue());
    }
}
