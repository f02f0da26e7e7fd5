package io.scaffold.notifications.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TestTokens;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class WebhookDeliveryCleanupTest {
    @Inject
    WebhookDeliveryCleanup cleanup;

    @Inject
    EntityManager em;

    @Test
    void deliveriesPastTheRetentionLeaveTheLogButRecentOnesAndOnesStillDueStay() {
        String endpoint = given().header("Authorization", TestTokens.bearer("cleaner", "integration-admin"))
                .contentType("application/json")
                .body(Map.of("url", "http://localhost:9/hook", "eventTypes", List.of("scaffold.nothing.v1")))
                .post("/api/notifications/webhooks").then().statusCode(201).extract().path("endpoint.id");
        String old = delivery(endpoint, "DELIVERED", "now() - interval '8 days'", "NULL");
        String oldHeld = delivery(endpoint, "PENDING", "now() - interval '8 days'", "NULL");
        String oldDue = delivery(endpoint, "PENDING", "now() - interval '8 days'", "now() + interval '1 hour'");
        String recent = delivery(endpoint, "FAILED", "now() - interval '1 day'", "NULL");

        cleanup.deleteExpired();

        @SuppressWarnings("unchecked")
        List<String> left = (List<String>) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT CAST(id AS text) FROM webhook_delivery WHERE endpoint_id = :e").setParameter("e",
                UUID.fromString(endpoint)).getResultList());
        assertThat(left).containsExactlyInAnyOrder(oldDue, recent).doesNotContain(old, oldHeld);
    }

    private String delivery(String endpoint, String status, String createdAt, String next) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO webhook_delivery (id,"
                        + " endpoint_id, event_id, event_type, payload, status, window_start, next_attempt_at,"
                        + " created_at) VALUES (CAST(:id AS uuid), CAST(:endpoint AS uuid), :id, 't', '{}', :status, "
                        + createdAt + ", " + next + ", " + createdAt + ")")
                .setParameter("id", id).setParameter("endpoint", endpoint).setParameter("status", status)
                .executeUpdate());
        return id;
    }
}
