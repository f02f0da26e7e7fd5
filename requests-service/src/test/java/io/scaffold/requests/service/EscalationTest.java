package io.scaffold.requests.service;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TopicProbe;
import io.scaffold.requests.Communities;
import io.scaffold.requests.event.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.scaffold.platform.testing.TopicProbe.header;
import static io.scaffold.requests.Api.TOPIC;
import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.ask;
import static io.scaffold.requests.Api.assertPublished;
import static io.scaffold.requests.Api.respond;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** LOW requests climb in seconds in tests (2 s, 4 s, 6 s after creation; the scan runs every second). */
@QuarkusTest
class EscalationTest {

    @Test
    void anUnansweredRequestClimbsToNextHelpersThenFacilitatorsThenTheDesk() {
        String tag = "e" + UUID.randomUUID().toString().substring(0, 8);
        String owner = unique("owner");
        String facilitator = unique("facilitator");
        String asker = unique("asker");
        String desk = unique("desk");
        Communities community = Communities.create(owner, "PUBLIC", tag).member(asker, "MEMBER")
                .member(facilitator, "FACILITATOR");
        List<String> experts = List.of("e1" + unique(""), "e2" + unique(""), "e3" + unique(""),
                "e4" + unique(""), "e5" + unique(""));
        experts.forEach(e -> community.member(e, "MEMBER").skills(e, tag, "EXPERT"));
        as(desk, "ld-desk").get("/api/requests?limit=1").then().statusCode(200); // the desk member makes themself known

        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = ask(asker, community.id(), "LOW", tag);
            String created = assertPublished(probe, EventTypes.CREATED, id).value();
            List<String> notYetAsked = experts.stream().filter(e -> !created.contains(e)).toList();
            assertThat(notYetAsked).hasSize(2);
            ConsumerRecord<String, String> first = assertPublished(probe, EventTypes.ESCALATED, id);
            assertThat(first.value()).contains("\"level\":1").contains("\"step\":\"NEXT_HELPERS\"")
                    .contains(notYetAsked.get(0)).contains(notYetAsked.get(1));
            ConsumerRecord<String, String> second = probe.await(r -> isEscalation(r, id, 2), Duration.ofSeconds(20));
            io.scaffold.requests.Api.SCHEMAS.assertValid(EventTypes.ESCALATED, second.value());
            assertThat(second.value()).contains("\"step\":\"FACILITATORS\"").contains(facilitator).contains(owner);
            ConsumerRecord<String, String> third = probe.await(r -> isEscalation(r, id, 3), Duration.ofSeconds(20));
            io.scaffold.requests.Api.SCHEMAS.assertValid(EventTypes.ESCALATED, third.value());
            assertThat(third.value()).contains("\"step\":\"LD_DESK\"").contains(desk).contains("desk-dana")
                    .contains("\"role\":\"ld-desk\"");

            as(asker).get("/api/requests/" + id).then().body("escalationLevel", equalTo(3));
            as(facilitator).get("/api/requests/" + id + "/helpers").then().statusCode(200)
                    .body("findAll { it.level == 2 }.kind", org.hamcrest.Matchers.everyItem(equalTo("FACILITATOR")));
            // the desk may now see and answer a request of a community it is not in
            as(desk, "ld-desk").get("/api/requests/" + id).then().statusCode(200);
            respond(desk, id, "OFFER");
        }
    }

    @Test
    void theFirstResponseStopsTheLadder() {
        String asker = unique("asker");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = ask(asker, null, "LOW", "answered-fast");
            respond(unique("quick"), id, "ANSWER");
            List<ConsumerRecord<String, String>> seen = probe.collectFor(Duration.ofSeconds(7));
            assertThat(seen).noneMatch(r -> id.equals(r.key()) && EventTypes.ESCALATED.equals(header(r, "ce_type")));
            as(asker).get("/api/requests/" + id).then().body("escalationLevel", equalTo(0));
        }
    }

    @Test
    void aClosedRequestDoesNotEscalate() {
        String asker = unique("asker");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = ask(asker, null, "LOW", "closed");
            as(asker).post("/api/requests/" + id + "/cancel").then().statusCode(200);
            assertThat(probe.collectFor(Duration.ofSeconds(5))).noneMatch(r -> id.equals(r.key())
                    && EventTypes.ESCALATED.equals(header(r, "ce_type")));
        }
    }

    private static boolean isEscalation(ConsumerRecord<String, String> record, String id, int level) {
        return id.equals(record.key()) && EventTypes.ESCALATED.equals(header(record, "ce_type"))
                && record.value().contains("\"level\":" + level);
    }
}
