package io.scaffold.notifications.event;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import io.scaffold.platform.privacy.SealedIds;
import io.scaffold.platform.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.scaffold.platform.testing.ApiCalls.as;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Anonymous requesters arrive sealed; this service opens the seal to reach them and still names them to nobody. */
@QuarkusTest
class AnonymousRequesterFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theSealedRequesterHearsOfResponsesWhileInvitedHelpersNeverLearnWhoAsked() {
        String requester = unique("shy");
        String helper = unique("helper");
        String requestId = UUID.randomUUID().toString();
        Events.request("scaffold.help-request.created.v1", requestId, Events.created(requestId, requester, true, null,
                null, List.of(helper)));
        Events.request("scaffold.help-request.responded.v1", requestId, "{\"requestId\":\"" + requestId
                + "\",\"title\":\"Consumer lag after deploy\",\"urgency\":\"HIGH\","
                + Events.requester(requestId, requester, true, false) + "\"responseId\":\"" + UUID.randomUUID()
                + "\",\"responderId\":\"" + helper + "\",\"kind\":\"ANSWER\",\"responseCount\":1,\"actorId\":\""
                + helper + "\",\"occurredAt\":\"" + Instant.now() + "\"}");

        await().atMost(WAIT).untilAsserted(() -> as(requester).get("/api/notifications").then()
                .body("items.size()", equalTo(1)).body("items[0].kind", equalTo("RESPONSE_POSTED")));
        String helperInbox = as(helper).get("/api/notifications").then().body("items.size()", equalTo(1))
                .body("items[0].title", equalTo("A colleague asked for help: Consumer lag after deploy"))
                .extract().asString();
        assertThat(helperInbox).doesNotContain(requester);
    }

    @Test
    void anEventSealedWithAKeyThisServiceDoesNotHoldIsDeadLetteredWithThatReason() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SealedIds foreign = SealedIds.withKeys(Base64.getEncoder().encodeToString(key), List.of());
        String requestId = UUID.randomUUID().toString();
        String helper = unique("helper");
        String data = Events.created(requestId, "someone", true, null, null, List.of(helper))
                .replaceAll("\"sealedRequesterId\":\"[^\"]+\"",
                        "\"sealedRequesterId\":\"" + foreign.seal("someone", requestId) + "\"");
        try (TopicProbe deadLetters = TopicProbe.tail("scaffold.notifications.dlq")) {
            String eventId = Events.request("scaffold.help-request.created.v1", requestId, data);
            ConsumerRecord<String, String> dead = deadLetters.await(r -> eventId.equals(header(r, "ce_id")), WAIT);
            assertThat(header(dead, "dead-letter-reason")).contains("sealedRequesterId")
                    .contains("which this service does not hold");
        }
        assertThat(as(helper).get("/api/notifications").then().extract().<Integer>path("items.size()")).isZero();
    }
}
