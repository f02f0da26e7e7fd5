package io.scaffold.requests.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.privacy.SealedIds;
import io.scaffold.platform.testing.TopicProbe;
import io.scaffold.requests.Communities;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.scaffold.requests.Api.TOPIC;
import static io.scaffold.requests.Api.as;
import static io.scaffold.requests.Api.assertPublished;
import static io.scaffold.requests.Api.requestJson;
import static io.scaffold.requests.Api.respond;
import static io.scaffold.requests.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a system subscribed to the requests topic, holding no key, can learn about an anonymous requester. */
@QuarkusTest
class AnonymousRequesterOnTheWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SealedIds sealedIds;

    @Test
    void noEventOfAnAnonymousRequestCarriesTheRequesterInClearAndTheSuiteCanOpenTheSeals() throws Exception {
        String owner = unique("owner");
        String asker = unique("shy");
        String helper = unique("helper");
        Communities community = Communities.create(owner, "PUBLIC", "security").member(asker, "MEMBER")
                .member(helper, "MEMBER").skills(helper, "security", "EXPERT");
        List<ConsumerRecord<String, String>> events = new ArrayList<>();
        String id;
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            id = as(asker).body(requestJson("Is this token leak serious", community.id(), "HIGH", true, "security"))
                    .post("/api/requests").then().statusCode(201).extract().path("id");
            String responseId = respond(helper, id, "ANSWER");
            as(asker).post("/api/requests/" + id + "/responses/" + responseId + "/accept").then().statusCode(200);
            as(asker).body("{\"unblocked\":true,\"minutesSaved\":30}").put("/api/requests/" + id + "/feedback")
                    .then().statusCode(200);
            as(asker).body("{}").post("/api/requests/" + id + "/publish").then().statusCode(200);
            for (String type : List.of(EventTypes.CREATED, EventTypes.RESPONDED, EventTypes.RESPONSE_ACCEPTED,
                    EventTypes.FEEDBACK_GIVEN, EventTypes.PUBLISHED)) {
                events.add(assertPublished(probe, type, id)); // each valid against its schema
            }
            String key = id;
            probe.collectFor(Duration.ofSeconds(1)).stream().filter(r -> key.equals(r.key())).forEach(events::add);
        }

        Set<String> seals = new HashSet<>();
        for (ConsumerRecord<String, String> event : events) {
            assertThat(event.value()).as(TopicProbe.header(event, "ce_type")).doesNotContain(asker);
            for (Header header : event.headers()) {
                assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain(asker);
            }
            JsonNode data = JSON.readTree(event.value());
            assertThat(data.has("requesterId")).isFalse();
            for (String field : List.of("sealedRequesterId", "sealedActorId")) {
                if (data.hasNonNull(field)) {
                    String seal = data.get(field).asText();
                    assertThat(sealedIds.open(seal, id)).isEqualTo(asker);
                    seals.add(seal);
                }
            }
        }
        // Requester sealed in every event but the published one; the requester acted in accept, feedback, publish.
        assertThat(seals).hasSizeGreaterThanOrEqualTo(4 + 3);
        String anySeal = seals.iterator().next();
        assertThatThrownBy(() -> sealedIds.open(anySeal, java.util.UUID.randomUUID().toString()))
                .isInstanceOf(SealedIds.UnreadableSealException.class);
    }

    @Test
    void aRequestAskedOpenlyNamesItsRequesterAndCarriesNoSeal() throws Exception {
        String asker = unique("open");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = as(asker).body(requestJson("Where is the VPN guide", null, "LOW", false, "vpn"))
                    .post("/api/requests").then().statusCode(201).extract().path("id");
            JsonNode data = JSON.readTree(assertPublished(probe, EventTypes.CREATED, id).value());
            assertThat(data.path("requesterId").asText()).isEqualTo(asker);
            assertThat(data.path("actorId").asText()).isEqualTo(asker);
            assertThat(data.has("sealedRequesterId")).isFalse();
            assertThat(data.has("sealedActorId")).isFalse();
        }
    }
}
