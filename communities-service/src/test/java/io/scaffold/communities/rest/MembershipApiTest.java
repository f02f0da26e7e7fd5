package io.scaffold.communities.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.communities.event.EventTypes;
import io.scaffold.platform.testing.TopicProbe;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.scaffold.communities.Api.TOPIC;
import static io.scaffold.communities.Api.addMember;
import static io.scaffold.communities.Api.as;
import static io.scaffold.communities.Api.assertPublished;
import static io.scaffold.communities.Api.createCommunity;
import static io.scaffold.communities.Api.makeFacilitator;
import static io.scaffold.communities.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class MembershipApiTest {

    static String members(String id) {
        return "/api/communities/" + id + "/members";
    }

    @Test
    void joiningAPublicCommunityIsImmediateAndCounted() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createCommunity("olivia", unique("Joinable"), "PUBLIC");
            as("jo").post(members(id)).then().statusCode(200).body("status", equalTo("ACTIVE"))
                    .body("role", equalTo("MEMBER"));
            as("jo").post(members(id)).then().statusCode(200).body("status", equalTo("ACTIVE"));
            as("jo").get("/api/communities/" + id).then().body("memberCount", equalTo(2))
                    .body("myRole", equalTo("MEMBER"));
            ConsumerRecord<String, String> joined = probe.await(r -> id.equals(r.key())
                    && r.value().contains("\"userId\":\"jo\""), java.time.Duration.ofSeconds(20));
            assertPublished(probe, EventTypes.MEMBERSHIP_JOINED, id);
            assertThat(joined.value()).contains("\"role\":\"MEMBER\"").contains("\"visibility\":\"PUBLIC\"");
        }
    }

    @Test
    void askingToJoinAPrivateCommunityWaitsForApprovalWhichOnlyOwnersAndFacilitatorsGive() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createCommunity("olivia", unique("Private club"), "PRIVATE");
            addMember(id, "olivia", "fay");
            makeFacilitator(id, "olivia", "fay");
            addMember(id, "olivia", "mo");

            as("pat").post(members(id)).then().statusCode(200).body("status", equalTo("PENDING"));
            assertPublished(probe, EventTypes.MEMBERSHIP_REQUESTED, id);
            as("pat").get("/api/communities/" + id).then().statusCode(200).body("myStatus", equalTo("PENDING"));
            as("pat").get(members(id)).then().statusCode(403); // not a member yet: no member list

            as("mo").post(members(id) + "/pat/approve").then().statusCode(403);
            as("mo").get(members(id) + "?status=PENDING").then().statusCode(403);
            as("fay").get(members(id) + "?status=PENDING").then().statusCode(200)
                    .body("items.userId", equalTo(List.of("pat")));
            as("fay").post(members(id) + "/pat/approve").then().statusCode(200).body("status", equalTo("ACTIVE"));
            assertPublished(probe, EventTypes.MEMBERSHIP_APPROVED, id);
            as("olivia").get("/api/communities/" + id).then().body("memberCount", equalTo(4));

            as("quinn").post(members(id)).then().statusCode(200).body("status", equalTo("PENDING"));
            as("olivia").post(members(id) + "/quinn/reject").then().statusCode(204);
            assertPublished(probe, EventTypes.MEMBERSHIP_REJECTED, id);
            as("quinn").get("/api/communities/" + id).then().statusCode(404);
            as("olivia").post(members(id) + "/quinn/approve").then().statusCode(404);
        }
    }

    @Test
    void anInvitedPersonSeesTheCommunityAndJoinsByAccepting() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createCommunity("olivia", unique("Invite only"), "PRIVATE");
            as("stranger").get("/api/communities/" + id).then().statusCode(404);
            as("olivia").body("{\"userId\":\"pat\"}").post("/api/communities/" + id + "/invitations")
                    .then().statusCode(201).body("status", equalTo("INVITED"));
            assertPublished(probe, EventTypes.MEMBERSHIP_INVITED, id);
            as("olivia").body("{\"userId\":\"pat\"}").post("/api/communities/" + id + "/invitations")
                    .then().statusCode(409);
            as("pat").get("/api/communities/" + id).then().statusCode(200).body("myStatus", equalTo("INVITED"));
            as("pat").post(members(id)).then().statusCode(200).body("status", equalTo("ACTIVE"));
            as("olivia").get("/api/communities/" + id).then().body("memberCount", equalTo(2));

            as("olivia").body("{\"userId\":\"rita\"}").post("/api/communities/" + id + "/invitations");
            as("rita").delete(members(id) + "/rita").then().statusCode(204); // declines
            as("rita").get("/api/communities/" + id).then().statusCode(404);
            as("pat").body("{\"userId\":\"x\"}").post("/api/communities/" + id + "/invitations").then().statusCode(403);
            as("olivia").body("{\"userId\":\"\"}").post("/api/communities/" + id + "/invitations")
                    .then().statusCode(400).body("errors[0].field", equalTo("userId"));
        }
    }

    @Test
    void membersLeaveAndAreRemovedButACommunityAlwaysKeepsAnOwner() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createCommunity("olivia", unique("Owners"), "PUBLIC");
            addMember(id, "olivia", "fay");
            makeFacilitator(id, "olivia", "fay");
            addMember(id, "olivia", "mo");
            addMember(id, "olivia", "leo");

            as("olivia").delete(members(id) + "/olivia").then().statusCode(409);
            as("olivia").body("{\"role\":\"MEMBER\"}").put(members(id) + "/olivia/role").then().statusCode(409);
            as("fay").delete(members(id) + "/olivia").then().statusCode(403);
            as("mo").delete(members(id) + "/leo").then().statusCode(403);
            as("fay").delete(members(id) + "/leo").then().statusCode(204);
            assertPublished(probe, EventTypes.MEMBERSHIP_REMOVED, id);
            as("mo").delete(members(id) + "/mo").then().statusCode(204);
            assertPublished(probe, EventTypes.MEMBERSHIP_LEFT, id);
            as("olivia").get("/api/communities/" + id).then().body("memberCount", equalTo(2));

            // With a second owner, the first may step down
            as("olivia").body("{\"role\":\"OWNER\"}").put(members(id) + "/fay/role").then().statusCode(200)
                    .body("role", equalTo("OWNER"));
            ConsumerRecord<String, String> changed = probe.await(r -> id.equals(r.key())
                    && r.value().contains("\"previousRole\":\"FACILITATOR\""), java.time.Duration.ofSeconds(20));
            assertThat(changed.value()).contains("\"userId\":\"fay\"").contains("\"role\":\"OWNER\"");
            io.scaffold.communities.Api.SCHEMAS.assertValid(EventTypes.MEMBERSHIP_ROLE_CHANGED, changed.value());
            as("olivia").delete(members(id) + "/olivia").then().statusCode(204);
            as("fay").delete(members(id) + "/nobody").then().statusCode(404);
        }
    }

    @Test
    void onlyOwnersChangeRolesAndRolesMustBeKnown() {
        String id = createCommunity("olivia", unique("Roles"), "PUBLIC");
        addMember(id, "olivia", "fay");
        makeFacilitator(id, "olivia", "fay");
        addMember(id, "olivia", "mo");
        as("fay").body("{\"role\":\"FACILITATOR\"}").put(members(id) + "/mo/role").then().statusCode(403);
        as("olivia").body("{\"role\":\"KING\"}").put(members(id) + "/mo/role").then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
        as("olivia").body("{\"role\":\"FACILITATOR\"}").put(members(id) + "/ghost/role").then().statusCode(404);
        as("stranger").body("{\"role\":\"OWNER\"}").put(members(id) + "/stranger/role").then().statusCode(403);
    }

    @Test
    void memberListsFilterByRoleAndSkillAndArePaged() {
        String id = createCommunity("olivia", unique("Listing"), "PUBLIC");
        List<String> people = List.of("m1", "m2", "m3", "m4");
        people.forEach(p -> addMember(id, "olivia", p));
        makeFacilitator(id, "olivia", "m2");
        as("m3").body("{\"skills\":[{\"skill\":\"Kafka\",\"level\":\"EXPERT\"}]}").put(members(id) + "/m3/skills")
                .then().statusCode(200);

        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            Response page = as("stranger").queryParam("limit", 2).queryParam("cursor", cursor).get(members(id));
            page.then().statusCode(200);
            seen.addAll(page.path("items.userId"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly("m1", "m2", "m3", "m4", "olivia");

        as("stranger").get(members(id) + "?role=FACILITATOR").then().body("items.userId", equalTo(List.of("m2")));
        as("stranger").get(members(id) + "?skill=kafka").then().body("items.userId", equalTo(List.of("m3")))
                .body("items[0].skills[0].level", equalTo("EXPERT"));
        as("stranger").get(members(id) + "?role=KING").then().statusCode(400).body("errors[0].field", equalTo("role"));
        given().get(members(id)).then().statusCode(401);
    }

    @Test
    void aPrivateCommunitysMembersAreHiddenFromStrangers() {
        String id = createCommunity("olivia", unique("Quiet"), "PRIVATE");
        as("stranger").get(members(id)).then().statusCode(404);
        as("stranger").get(members(id) + "/olivia").then().statusCode(404);
        as("olivia").get(members(id) + "/olivia").then().statusCode(200).body("role", equalTo("OWNER"));
    }

    @Test
    void plainMembersAndStrangersCannotDecideOnRequestsToJoin() {
        // A public community with a request waiting: it was private when pat asked.
        String open = createCommunity("olivia", unique("Opened up"), "PRIVATE");
        addMember(open, "olivia", "mo");
        as("pat").post(members(open)).then().statusCode(200).body("status", equalTo("PENDING"));
        as("olivia").body("{\"visibility\":\"PUBLIC\"}").patch("/api/communities/" + open).then().statusCode(200)
                .body("visibility", equalTo("PUBLIC"));

        as("mo").post(members(open) + "/pat/reject").then().statusCode(403)
                .contentType("application/problem+json");
        as("mo").post(members(open) + "/pat/approve").then().statusCode(403);
        as("stranger").post(members(open) + "/pat/reject").then().statusCode(403);
        as("olivia").get(members(open) + "?status=PENDING").then().statusCode(200)
                .body("items.userId", equalTo(List.of("pat"))); // still waiting

        // A private community: outsiders do not learn it exists, whatever they try.
        String quiet = createCommunity("olivia", unique("Closed doors"), "PRIVATE");
        addMember(quiet, "olivia", "mo");
        as("ria").post(members(quiet)).then().statusCode(200).body("status", equalTo("PENDING"));

        as("mo").post(members(quiet) + "/ria/reject").then().statusCode(403);
        as("stranger").post(members(quiet) + "/ria/reject").then().statusCode(404)
                .contentType("application/problem+json");
        as("stranger").post(members(quiet) + "/ria/approve").then().statusCode(404);
        as("stranger").body("{\"userId\":\"sid\"}").post("/api/communities/" + quiet + "/invitations")
                .then().statusCode(404);
        as("stranger").delete(members(quiet) + "/mo").then().statusCode(404);
        as("stranger").delete(members(quiet) + "/ria").then().statusCode(404);

        as("olivia").get(members(quiet) + "?status=PENDING").then().statusCode(200)
                .body("items.userId", equalTo(List.of("ria")));
        as("olivia").get(members(quiet)).then().statusCode(200)
                .body("items.userId", equalTo(List.of("mo", "olivia")));
        as("sid").get("/api/communities/" + quiet).then().statusCode(404); // no invitation was made
    }
}
