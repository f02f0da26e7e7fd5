package io.scaffold.notifications.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.scaffold.platform.testing.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class EmailLogCleanupTest {
    @Inject
    EmailLogCleanup cleanup;

    @Inject
    EntityManager em;

    @Test
    void finishedMailPastTheRetentionLeavesTheLogButRecentMailAndMailStillWaitingStay() {
        String user = unique("reader");
        long oldSent = message(user, "SENT", "now() - interval '8 days'");
        long oldSkipped = message(user, "SKIPPED", "now() - interval '8 days'");
        long oldWaiting = message(user, "PENDING", "now() - interval '8 days'");
        long recentFailed = message(user, "FAILED", "now() - interval '1 day'");

        cleanup.deleteOld(Instant.now());

        @SuppressWarnings("unchecked")
        List<Number> left = (List<Number>) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT id FROM email_message WHERE user_id = :u").setParameter("u", user).getResultList());
        assertThat(left.stream().map(Number::longValue).toList()).containsExactlyInAnyOrder(oldWaiting, recentFailed)
                .doesNotContain(oldSent, oldSkipped);
    }

    private long message(String user, String status, String createdAt) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("INSERT INTO email_message"
                        + " (user_id, kind, recipient, subject, text_body, html_body, status, next_attempt_at,"
                        + " created_at) VALUES (:u, 'DIGEST', 'r@example.org', 's', 't', 'h', :status, now(), "
                        + createdAt + ") RETURNING id").setParameter("u", user).setParameter("status", status)
                .getSingleResult()).longValue());
    }
}
