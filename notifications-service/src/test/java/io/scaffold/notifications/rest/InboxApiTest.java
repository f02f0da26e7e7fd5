package io.scaffold.notifications.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.platform.testing.ApiCalls.as;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class InboxApiTest {

    /** Three invitations for the user, newest last; returns their ids newest first. */
    private static List<Long> threeItems(String user) {
        for (int i = 0; i < 3; i++) {
            String requestId = UUID.randomUUID().toString();
            Events.request("scaffold.help-request.created.v1", requestId, Events.created(requestId, unique("a"),
                    false, null, null, List.of(user)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> as(user).get("/api/notifications/unread-count")
                .path("unread").equals(3));
        return as(user).get("/api/notifications").then().extract().jsonPath().getList("items.id", Long.class);
    }

    @Test
    void theInboxListsNewestFirstInPagesAndCountsUnread() {
        String user = unique("reader");
        List<Long> ids = threeItems(user);
        String cursor = as(user).get("/api/notifications?limit=2").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        as(user).get("/api/notifications?limit=2&cursor=" + cursor).then()
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo(ids.get(2).intValue()))
                .body("nextCursor", nullValue());
        as(user).get("/api/notifications/unread-count").then().body("unread", equalTo(3));
    }

    @Test
    void readingReadingAllAndArchivingChangeOnlyTheCallersItems() {
        String user = unique("reader");
        List<Long> ids = threeItems(user);
        as(user).post("/api/notifications/" + ids.get(0) + "/read").then().statusCode(200)
                .body("status", equalTo("READ")).body("readAt", notNullValue());
        as(user).get("/api/notifications/unread-count").then().body("unread", equalTo(2));
        as(user).post("/api/notifications/read-all?upToId=" + ids.get(2)).then().statusCode(200)
                .body("marked", equalTo(1));
        as(user).post("/api/notifications/read-all").then().body("marked", equalTo(1));
        as(user).get("/api/notifications/unread-count").then().body("unread", equalTo(0));
        as(user).post("/api/notifications/" + ids.get(1) + "/archive").then().statusCode(200)
                .body("status", equalTo("ARCHIVED"));
        as(user).get("/api/notifications?status=archived").then().body("items.id", equalTo(List.of(
                ids.get(1).intValue())));
        as(user).get("/api/notifications?status=read").then().body("items.size()", equalTo(2));

        String stranger = unique("stranger");
        as(stranger).post("/api/notifications/" + ids.get(0) + "/read").then().statusCode(404)
                .contentType("application/problem+json");
        as(stranger).post("/api/notifications/" + ids.get(0) + "/archive").then().statusCode(404);
        as(stranger).get("/api/notifications").then().body("items.size()", equalTo(0));
        as(stranger).get("/api/notifications/unread-count").then().body("unread", equalTo(0));
        as(stranger).post("/api/notifications/read-all").then().body("marked", equalTo(0));
        as(user).get("/api/notifications?status=all").then().body("items.size()", equalTo(3));
    }

    @Test
    void badParametersAreProblemsAndTheInboxNeedsAToken() {
        String user = unique("careless");
        as(user).get("/api/notifications?status=deleted").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("status"));
        as(user).get("/api/notifications?kind=SPAM").then().statusCode(400).body("errors.field", hasItem("kind"));
        as(user).get("/api/notifications?limit=101").then().statusCode(400).body("errors.field", hasItem("limit"));
        as(user).get("/api/notifications?communityId=x").then().statusCode(400);
        as(user).get("/api/notifications?cursor=zzz").then().statusCode(400);
        as(user).post("/api/notifications/read-all?upToId=abc").then().statusCode(404);
        as(user).post("/api/notifications/abc/read").then().statusCode(404);
        given().get("/api/notifications").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/notifications/unread-count").then().statusCode(401);
        given().post("/api/notifications/1/read").then().statusCode(401);
        given().post("/api/notifications/read-all").then().statusCode(401);
    }
}
