package io.scaffold.communities.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.communities.RequestEvents;
import io.scaffold.communities.event.EventTypes;
import io.scaffold.platform.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.scaffold.communities.Api.TOPIC;
import static io.scaffold.communities.Api.addMember;
import static io.scaffold.communities.Api.as;
import static io.scaffold.communities.Api.assertPublished;
import static io.scaffold.communities.Api.createCommunity;
import static io.scaffold.communities.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SkillsAndExpertsTest {

    static String skills(String id, String user) {
        return "/api/communities/" + id + "/members/" + user + "/skills";
    }

    @Test
    void aMemberDeclaresTheirOwnSkillsNormalised() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createCommunity("olivia", unique("Skills"), "PUBLIC");
            addMember(id, "olivia", "sue");
            as("sue").body("{\"skills\":[{\"skill\":\"Kafka Streams\",\"level\":\"EXPERT\"},"
                            + "{\"skill\":\"SQL\",\"level\":\"LEARNING\"},{\"skill\":\"sql\",\"level\":\"PRACTITIONER\"}]}")
                    .put(skills(id, "sue"))
                    .then().statusCode(200)
                    .body("skills.skill", equalTo(List.of("kafka-streams", "sql")))
                    .body("skills.level", equalTo(List.of("EXPERT", "PRACTITIONER")));
            ConsumerRecord<String, String> event = assertPublished(probe, EventTypes.MEMBER_SKILLS_UPDATED, id);
            assertThat(event.value()).contains("\"userId\":\"sue\"").contains("kafka-streams");

            as("sue").body("{\"skills\":[]}").put(skills(id, "sue")).then().statusCode(200)
                    .body("skills", equalTo(List.of()));
        }
    }

    @Test
    void nobodyDeclaresSkillsForSomeoneElseOrOutsideTheCommunity() {
        String id = createCommunity("olivia", unique("Skills guard"), "PUBLIC");
        addMember(id, "olivia", "sue");
        String body = "{\"skills\":[{\"skill\":\"kafka\",\"level\":\"EXPERT\"}]}";
        as("olivia").body(body).put(skills(id, "sue")).then().statusCode(403);
        as("stranger").body(body).put(skills(id, "stranger")).then().statusCode(403);
        String secret = createCommunity("olivia", unique("Skills secret"), "PRIVATE");
        as("stranger").body(body).put(skills(secret, "stranger")).then().statusCode(404);
    }

    @Test
    void invalidSkillsAre400s() {
        String id = createCommunity("olivia", unique("Skills invalid"), "PUBLIC");
        as("olivia").body("{\"skills\":[{\"skill\":\"kafka\",\"level\":\"GURU\"}]}").put(skills(id, "olivia"))
                .then().statusCode(400).body("errors[0].field", equalTo("skills[0].level"));
        as("olivia").body("{\"skills\":[{\"skill\":\"\",\"level\":\"EXPERT\"}]}").put(skills(id, "olivia"))
                .then().statusCode(400).body("errors[0].field", equalTo("skills[0].skill"));
        as("olivia").body("{}").put(skills(id, "olivia")).then().statusCode(400)
                .body("errors[0].field", equalTo("skills"));
    }

    @Test
    void expertsRankByDeclaredLevelThenAcceptedHelpWithStableTies() {
        String name = unique("Experts");
        String id = createCommunity("olivia", name, "PUBLIC");
        for (String member : List.of("ana", "bo", "cy", "dee", "eve")) {
            addMember(id, "olivia", member);
        }
        declare(id, "ana", "PRACTITIONER");
        declare(id, "bo", "EXPERT");
        declare(id, "cy", "PRACTITIONER");
        declare(id, "dee", "PRACTITIONER");
        // Accepted help on "kafka": cy twice, dee once; eve never declared it but earned it once.
        acceptedHelp(id, name, "cy");
        acceptedHelp(id, name, "cy");
        acceptedHelp(id, name, "dee");
        String marker = acceptedHelp(id, name, "eve");
        await().atMost(Duration.ofSeconds(30)).until(() -> as("olivia")
                .get("/api/communities/" + id + "/experts?skill=kafka").path("userId").toString().contains("eve"));

        as("stranger").get("/api/communities/" + id + "/experts?skill=Kafka").then().statusCode(200)
                .body("userId", equalTo(List.of("bo", "cy", "dee", "ana", "eve")))
                .body("acceptedHelp", equalTo(List.of(0, 2, 1, 0, 1)))
                .body("rank", equalTo(List.of(1, 2, 3, 4, 5)));
        as("olivia").get("/api/communities/" + id + "/experts?skill=kafka&limit=2").then()
                .body("userId", equalTo(List.of("bo", "cy")));
        assertThat(marker).isNotBlank();
    }

    @Test
    void expertsNeedASkillAndPrivateCommunitiesKeepTheirExpertsToThemselves() {
        String id = createCommunity("olivia", unique("Experts guard"), "PRIVATE");
        as("olivia").get("/api/communities/" + id + "/experts").then().statusCode(400)
                .body("errors[0].field", equalTo("skill"));
        as("stranger").get("/api/communities/" + id + "/experts?skill=kafka").then().statusCode(404);
        as("olivia").get("/api/communities/" + id + "/experts?skill=kafka&limit=50").then().statusCode(400);
    }

    static void declare(String id, String user, String level) {
        as(user).body("{\"skills\":[{\"skill\":\"kafka\",\"level\":\"" + level + "\"}]}").put(skills(id, user))
                .then().statusCode(200);
    }

    /** requests-service's event for help that the requester accepted. */
    static String acceptedHelp(String communityId, String communityName, String helper) {
        String requestId = UUID.randomUUID().toString();
        return RequestEvents.publish(RequestEvents.RESPONSE_ACCEPTED, requestId, RequestEvents.responseAccepted(
                requestId, communityId, communityName, "olivia", helper, List.of("Kafka")));
    }
}
