package io.scaffold.communities;

import io.restassured.specification.RequestSpecification;
import io.scaffold.platform.testing.ApiCalls;
import io.scaffold.platform.testing.EventSchemas;
import io.scaffold.platform.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;

import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

/** Shorthands for the tests: callers with tokens, fixtures made through the API, and event checks. */
public final class Api {
    public static final String TOPIC = "scaffold.communities.events";
    public static final EventSchemas SCHEMAS = EventSchemas.in("src/main/resources/schemas");

    private Api() {
    }

    public static RequestSpecification as(String user, String... roles) {
        return ApiCalls.as(user, roles);
    }

    public static String unique(String prefix) {
        return ApiCalls.unique(prefix);
    }

    public static String createCommunity(String owner, String name, String visibility, String... tags) {
        StringBuilder tagJson = new StringBuilder("[");
        for (int i = 0; i < tags.length; i++) {
            tagJson.append(i == 0 ? "" : ",").append('"').append(tags[i]).append('"');
        }
        return as(owner).body("{\"name\":\"" + name + "\",\"description\":\"About " + name + "\",\"visibility\":\""
                        + visibility + "\",\"tags\":" + tagJson + "]}")
                .post("/api/communities").then().statusCode(201).extract().path("id");
    }

    /** Makes the user an active member: joins a public community, or asks and gets approved by the owner. */
    public static void addMember(String communityId, String owner, String user) {
        String status = as(user).post("/api/communities/" + communityId + "/members")
                .then().statusCode(200).extract().path("status");
        if ("PENDING".equals(status)) {
            as(owner).post("/api/communities/" + communityId + "/members/" + user + "/approve")
                    .then().statusCode(200);
        }
    }

    public static void makeFacilitator(String communityId, String owner, String user) {
        as(owner).body("{\"role\":\"FACILITATOR\"}").put("/api/communities/" + communityId + "/members/" + user + "/role")
                .then().statusCode(200);
    }

    /**
     * Awaits the event on the topic and checks the contract: CloudEvents headers, key = community id, data valid
     * against the schema.
     */
    public static ConsumerRecord<String, String> assertPublished(TopicProbe probe, String type, String communityId) {
        ConsumerRecord<String, String> record = probe.awaitEvent(type, communityId, Duration.ofSeconds(20));
        assertThat(header(record, "ce_source")).isEqualTo("/communities-service");
        assertThat(header(record, "ce_subject")).isEqualTo(communityId);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(header(record, "ce_id")).isNotBlank();
        SCHEMAS.assertValid(type, record.value());
        return record;
    }
}
