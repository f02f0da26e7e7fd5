package io.scaffold.requests.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.EventSchemas;
import io.scaffold.platform.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.scaffold.platform.testing.ApiCalls.asPerson;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static io.scaffold.platform.testing.TopicProbe.header;
import static io.scaffold.requests.Api.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller's identity claims (name, address, zone, language) become scaffold.person.updated.v1 on this service's
 * topic: once when first seen, again only when they change; malformed or absent claims change nothing.
 */
@QuarkusTest
class PersonEventsTest {
    private static final String PERSON_UPDATED = "scaffold.person.updated.v1";
    private static final EventSchemas SCHEMAS = EventSchemas.in("../platform/src/main/resources/schemas");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCallerIsAnnouncedWhenFirstSeenAndAgainOnlyWhenTheirClaimsChange() throws Exception {
        String user = unique("ada");
        Map<String, Object> claims = Map.of("name", "Ada Lovelace", "email", user + "@example.org",
                "zoneinfo", "Europe/London", "locale", "en_GB");
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            asPerson(user, claims).get("/api/requests?limit=1").then().statusCode(200)
                    // the header lists the events of a change the call asked for; a read asked for none
                    .header("Scaffold-Events", org.hamcrest.Matchers.nullValue());
            ConsumerRecord<String, String> first = probe.awaitEvent(PERSON_UPDATED, user, Duration.ofSeconds(20));
            SCHEMAS.assertValid(PERSON_UPDATED, first.value());
            assertThat(header(first, "ce_source")).isEqualTo("/requests-service");
            JsonNode data = JSON.readTree(first.value());
            assertThat(data.path("name").asText()).isEqualTo("Ada Lovelace");
            assertThat(data.path("email").asText()).isEqualTo(user + "@example.org");
            assertThat(data.path("zoneinfo").asText()).isEqualTo("Europe/London");
            assertThat(data.path("locale").asText()).isEqualTo("en-GB");

            asPerson(user, claims).get("/api/requests?limit=1").then().statusCode(200);
            io.scaffold.platform.testing.ApiCalls.as(user).get("/api/requests?limit=1").then().statusCode(200);
            asPerson(user, Map.of("name", "Ada King", "email", "not an address", "zoneinfo", "Mars/Olympus"))
                    .get("/api/requests?limit=1").then().statusCode(200);
            ConsumerRecord<String, String> changed = probe.await(r -> PERSON_UPDATED.equals(header(r, "ce_type"))
                    && user.equals(r.key()) && r != first, Duration.ofSeconds(20));
            JsonNode now = JSON.readTree(changed.value());
            assertThat(now.path("name").asText()).isEqualTo("Ada King");
            // a malformed claim is ignored, and a claim the token lacks keeps its known value
            assertThat(now.path("email").asText()).isEqualTo(user + "@example.org");
            assertThat(now.path("zoneinfo").asText()).isEqualTo("Europe/London");
            assertThat(now.path("locale").asText()).isEqualTo("en-GB");
            long announcements = probe.collectFor(Duration.ofSeconds(2)).stream()
                    .filter(r -> PERSON_UPDATED.equals(header(r, "ce_type")) && user.equals(r.key())).count();
            assertThat(announcements).isEqualTo(2); // the same claims again, or none, announced nothing
        }
    }
}
