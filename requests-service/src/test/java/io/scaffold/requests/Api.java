package io.scaffold.requests;

import io.restassured.specification.RequestSpecification;
import io.scaffold.platform.testing.ApiCalls;
import io.scaffold.platform.testing.EventSchemas;
import io.scaffold.platform.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;

import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

/** Shorthands for the tests: callers with tokens, requests made through the API, and event checks. */
public final class Api {
    public static final String TOPIC = "scaffold.requests.events";
    public static final EventSchemas SCHEMAS = EventSchemas.in("src/main/resources/schemas");

    private Api() {
    }

    public static RequestSpecification as(String user, String... roles) {
        return ApiCalls.as(user, roles);
    }

    public static String unique(String prefix) {
        return ApiCalls.unique(prefix);
    }

    public static String ask(String requester, String communityId, String urgency, String... tags) {
        return as(requester).body(requestJson("Stuck with " + String.join(" and ", tags), communityId, urgency, false,
                tags)).post("/api/requests").then().statusCode(201).extract().path("id");
    }

    public static String requestJson(String title, String communityId, String urgency, boolean anonymous,
            String... tags) {
        StringBuilder json = new StringBuilder("{\"title\":\"").append(title)
                .append("\",\"body\":\"I tried the usual things and I am blocked.\",\"urgency\":\"").append(urgency)
                .append("\",\"anonymous\":").append(anonymous).append(",\"tags\":[");
        for (int i = 0; i < tags.length; i++) {
            json.append(i == 0 ? "" : ",").append('"').append(tags[i]).append('"');
        }
        json.append(']');
        if (communityId != null) {
            json.append(",\"communityId\":\"").append(communityId).append('"');
        }
        return json.append('}').toString();
    }

    public static String respond(String responder, String requestId, String kind) {
        return as(responder).body("{\"kind\":\"" + kind + "\",\"text\":\"Try raising max.poll.records\","
                        + "\"links\":[\"https://wiki.example.com/kafka\"]}")
                .post("/api/requests/" + requestId + "/responses").then().statusCode(201).extract().path("id");
    }

    /** Awaits the event and checks the contract: CloudEvents headers, key = request id, data valid per its schema. */
    public static ConsumerRecord<String, String> assertPublished(TopicProbe probe, String type, String requestId) {
        ConsumerRecord<String, String> record = probe.awaitEvent(type, requestId, Duration.ofSeconds(20));
        assertThat(header(record, "ce_source")).isEqualTo("/requests-service");
        assertThat(header(record, "ce_subject")).isEqualTo(requestId);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(header(record, "ce_id")).isNotBlank();
        SCHEMAS.assertValid(type, record.value());
        return record;
    }
}
