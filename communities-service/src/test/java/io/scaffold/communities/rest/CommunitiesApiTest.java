package io.scaffold.communities.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.communities.event.EventTypes;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.testing.TopicProbe;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.communities.Api.TOPIC;
import static io.scaffold.communities.Api.addMember;
import static io.scaffold.communities.Api.as;
import static io.scaffold.communities.Api.assertPublished;
import static io.scaffold.communities.Api.createCommunity;
import static io.scaffold.communities.Api.makeFacilitator;
import static io.scaffold.communities.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class CommunitiesApiTest {

    @Test
    void theLocationOfACreatedCommunityNamesTheAddressTheClientCalledThroughTheGateway() {
        String location = as("fiona").header("X-Forwarded-Host", "scaffold.example.com")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443")
                .body("{\"name\":\"" + unique("Linked") + "\",\"visibility\":\"PUBLIC\",\"tags\":[]}")
                .post("/api/communities").then().statusCode(201).extract().header("Location");
        assertThat(location).startsWith("https://scaffold.example.com/api/communities/");
    }

    @Test
    void creatingACommunityMakesTheCreatorItsOwnerAndPublishesCreatedAndJoined() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String name = unique("Kafka practitioners");
            Response created = as("olivia").body("{\"name\":\"" + name + "\",\"description\":\"Streams in production\","
                            + "\"visibility\":\"PUBLIC\",\"tags\":[\"Kafka\",\" streaming \",\"kafka\"]}")
                    .post("/api/communities");
            created.then().statusCode(201)
                    .header("Location", containsString("/api/communities/"))
                    .header("ETag", notNullValue())
                    .body("name", equalTo(name))
                    .body("tags", equalTo(List.of("kafka", "streaming")))
                    .body("memberCount", equalTo(1))
                    .body("myRole", equalTo("OWNER"))
                    .body("myStatus", equalTo("ACTIVE"));
            String id = created.path("id");

            ConsumerRecord<String, String> event = assertPublished(probe, EventTypes.COMMUNITY_CREATED, id);
            assertThat(event.value()).contains("\"communityName\":\"" + name + "\"").contains("\"actorId\":\"olivia\"");
            ConsumerRecord<String, String> joined = assertPublished(probe, EventTypes.MEMBERSHIP_JOINED, id);
            assertThat(joined.value()).contains("\"userId\":\"olivia\"").contains("\"role\":\"OWNER\"");
        }
    }

    @Test
    void communityNamesAreUniqueWhateverTheirCase() {
        String name = unique("Design Systems");
        createCommunity("olivia", name, "PUBLIC");
        as("paul").body("{\"name\":\"" + name.toUpperCase() + "\",\"visibility\":\"PRIVATE\"}").post("/api/communities")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:scaffold:problem:conflict"))
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void invalidCommunitiesAreRejectedFieldByField() {
        as("olivia").body("{\"name\":\" \",\"visibility\":\"SECRET\"}").post("/api/communities")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("visibility"));
        as("olivia").body("{\"name\":\"" + "x".repeat(101) + "\",\"visibility\":\"PUBLIC\",\"tags\":[\"ok\",\"no;pe\"]}")
                .post("/api/communities")
                .then().statusCode(400).body("errors.field", hasItem("name")).body("errors.field", hasItem("tags[1]"));
        as("olivia").body("{\"visibility\":\"PUBLIC\"}").post("/api/communities")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        as("olivia").body("{\"name\":5,\"visibility\":\"PUBLIC\",\"tags\":\"kafka\"}").post("/api/communities")
                .then().statusCode(400).contentType("application/problem+json");
        as("olivia").body("not json").post("/api/communities")
                .then().statusCode(400).body("type", equalTo("urn:scaffold:problem:malformed-body"));
    }

    @Test
    void tenThousandTagsAreA400() {
        StringBuilder tags = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            tags.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        as("olivia").body("{\"name\":\"" + unique("Many tags") + "\",\"visibility\":\"PUBLIC\",\"tags\":" + tags + "]}")
                .post("/api/communities")
                .then().statusCode(400).body("errors.field", hasItem("tags"));
    }

    @Test
    void withoutATokenTheCommunitiesApiAnswers401() {
        given().get("/api/communities").then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/json").body("{}").post("/api/communities").then().statusCode(401);
    }

    @Test
    void aCommunityIsReadWithItsETagAndAPrivateOneIsInvisibleToStrangers() {
        String open = createCommunity("olivia", unique("Open"), "PUBLIC");
        String secret = createCommunity("olivia", unique("Secret"), "PRIVATE");
        as("stranger").get("/api/communities/" + open).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).body("myRole", nullValue());
        as("stranger").get("/api/communities/" + secret).then().statusCode(404)
                .contentType("application/problem+json");
        as("olivia").get("/api/communities/" + secret).then().statusCode(200).body("visibility", equalTo("PRIVATE"));
        as("olivia").get("/api/communities/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void listsArePagedByKeysetAndHidePrivateCommunitiesFromStrangers() {
        String tag = unique("paging").toLowerCase();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createCommunity("olivia", unique("Paged " + i), "PUBLIC", tag));
        }
        String secret = createCommunity("olivia", unique("Paged secret"), "PRIVATE", tag);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = as("stranger").queryParam("tag", tag).queryParam("limit", 2)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/communities");
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotContain(secret);

        as("olivia").queryParam("tag", tag).get("/api/communities").then().statusCode(200)
                .body("items.id", hasItem(secret));
    }

    @Test
    void badListParametersAre400s() {
        as("olivia").get("/api/communities?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as("olivia").get("/api/communities?limit=abc").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as("olivia").get("/api/communities?mine=maybe").then().statusCode(400).body("errors[0].field", equalTo("mine"));
        as("olivia").get("/api/communities?cursor=garbage!").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aCursorOfTheWrongShapeIsA400OnTheCursorParameterNeverA500() {
        String tag = unique("shape").toLowerCase();
        for (int i = 0; i < 3; i++) {
            createCommunity("olivia", unique("Shaped " + i), "PUBLIC", tag);
        }
        String byName = as("olivia").queryParam("tag", tag).queryParam("limit", 1).get("/api/communities")
                .then().statusCode(200).extract().path("nextCursor");
        assertThat(byName).isNotNull();
        // A list's cursor (name, id) is not a search's (rank, id)
        as("olivia").queryParam("q", "shaped").queryParam("cursor", byName).get("/api/communities")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
        String notAnId = Cursor.of("shaped", "not-a-uuid").encode();
        as("olivia").queryParam("cursor", notAnId).get("/api/communities").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        as("olivia").queryParam("q", "shaped").queryParam("cursor", Cursor.of("0.5", "not-a-uuid").encode())
                .get("/api/communities").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as("olivia").queryParam("q", "shaped").queryParam("cursor", Cursor.of("0.5f", UUID.randomUUID().toString())
                .encode()).get("/api/communities").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        as("olivia").queryParam("cursor", Cursor.of("only-one").encode()).get("/api/communities").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        // A well-shaped cursor still pages
        as("olivia").queryParam("tag", tag).queryParam("cursor", byName).get("/api/communities").then()
                .statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void mineListsTheCallersCommunitiesWithTheirRole() {
        String owned = createCommunity("mina", unique("Mine owned"), "PRIVATE");
        String joined = createCommunity("olivia", unique("Mine joined"), "PUBLIC");
        addMember(joined, "olivia", "mina");
        Response mine = as("mina").get("/api/communities?mine=true&limit=100");
        mine.then().statusCode(200);
        List<String> ids = mine.path("items.id");
        assertThat(ids).contains(owned, joined);
        assertThat((String) mine.path("items.find { it.id == '" + owned + "' }.myRole")).isEqualTo("OWNER");
        assertThat((String) mine.path("items.find { it.id == '" + joined + "' }.myRole")).isEqualTo("MEMBER");
    }

    @Test
    void fullTextSearchRanksNameMatchesFirstAndNeverShowsPrivateCommunities() {
        String word = "zq" + unique("w").substring(2).replace("-", "");
        String inName = createCommunity("olivia", unique(word + " guild"), "PUBLIC");
        String inDescription = as("olivia").body("{\"name\":\"" + unique("Other") + "\",\"visibility\":\"PUBLIC\","
                + "\"description\":\"we also talk about " + word + "\"}").post("/api/communities")
                .then().statusCode(201).extract().path("id");
        String secret = createCommunity("olivia", unique(word + " secret"), "PRIVATE");

        as("stranger").queryParam("q", word).get("/api/communities").then().statusCode(200)
                .body("items.id", equalTo(List.of(inName, inDescription)))
                .body("items.id", not(hasItem(secret)));
    }

    @Test
    void ownersAndFacilitatorsEditWithOptimisticConcurrency() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String id = createCommunity("olivia", unique("Editable"), "PUBLIC");
            addMember(id, "olivia", "fay");
            makeFacilitator(id, "olivia", "fay");
            addMember(id, "olivia", "mo");

            String etag = as("fay").get("/api/communities/" + id).then().extract().header("ETag");
            as("fay").header("If-Match", etag).body("{\"description\":\"Now with runbooks\",\"tags\":[\"Ops\"]}")
                    .patch("/api/communities/" + id)
                    .then().statusCode(200).body("description", equalTo("Now with runbooks"))
                    .body("tags", equalTo(List.of("ops"))).header("ETag", not(equalTo(etag)));
            as("olivia").header("If-Match", etag).body("{\"description\":\"stale\"}").patch("/api/communities/" + id)
                    .then().statusCode(412).contentType("application/problem+json");
            as("mo").body("{\"description\":\"mine now\"}").patch("/api/communities/" + id).then().statusCode(403);
            as("stranger").body("{\"description\":\"mine now\"}").patch("/api/communities/" + id).then().statusCode(403);
            as("olivia").body("{\"name\":\"\"}").patch("/api/communities/" + id).then().statusCode(400)
                    .body("errors[0].field", equalTo("name"));

            ConsumerRecord<String, String> updated = assertPublished(probe, EventTypes.COMMUNITY_UPDATED, id);
            assertThat(updated.value()).contains("Now with runbooks").contains("\"actorId\":\"fay\"");
        }
    }

    @Test
    void aPrivateCommunityCannotBeEditedByAStrangerWhoCannotSeeIt() {
        String id = createCommunity("olivia", unique("Hidden edit"), "PRIVATE");
        as("stranger").body("{\"description\":\"x\"}").patch("/api/communities/" + id).then().statusCode(404);
        as("stranger").delete("/api/communities/" + id).then().statusCode(404);
    }

    @Test
    void onlyOwnersArchiveAndArchivedCommunitiesLeaveListsAndTakeNoMembers() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String tag = unique("arch").toLowerCase();
            String id = createCommunity("olivia", unique("Archivable"), "PUBLIC", tag);
            addMember(id, "olivia", "fay");
            makeFacilitator(id, "olivia", "fay");

            as("fay").delete("/api/communities/" + id).then().statusCode(403);
            as("olivia").delete("/api/communities/" + id).then().statusCode(204);
            assertPublished(probe, EventTypes.COMMUNITY_ARCHIVED, id);

            as("olivia").get("/api/communities/" + id).then().statusCode(200).body("archived", equalTo(true));
            as("olivia").queryParam("tag", tag).get("/api/communities").then().body("items", equalTo(List.of()));
            as("olivia").queryParam("tag", tag).queryParam("archived", true).get("/api/communities")
                    .then().body("items.id", equalTo(List.of(id)));
            as("newcomer").post("/api/communities/" + id + "/members").then().statusCode(409);
            as("olivia").body("{\"type\":\"LINK\",\"title\":\"t\",\"url\":\"https://example.com\"}")
                    .post("/api/communities/" + id + "/resources").then().statusCode(409);
        }
    }
}
