package io.scaffold.notifications.rest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import io.scaffold.platform.testing.EventSourceClient;
import io.scaffold.platform.testing.SseClient;
import io.scaffold.platform.testing.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.scaffold.platform.testing.ApiCalls.as;
import static io.scaffold.platform.testing.ApiCalls.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** The live stream on the real broker and database: connect, receive, disconnect, resume, tickets, quiet hours. */
@QuarkusTest
class LiveStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/api/notifications/stream")
    URI stream;

    private SseClient connect(String user, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", TestTokens.bearer(user));
        return SseClient.connect(stream.toString(), all);
    }

    private static String invite(String helper, String urgency) {
        String requestId = UUID.randomUUID().toString();
        Events.request("scaffold.help-request.created.v1", requestId, Events.created(requestId, unique("asker"),
                false, null, null, List.of(helper)).replace("\"HIGH\"", "\"" + urgency + "\""));
        return requestId;
    }

    @Test
    void aConnectedPersonGetsTheirUnreadCountThenEachNewItemWithItsIdAndTheNewCount() {
        String helper = unique("helper");
        try (SseClient client = connect(helper, Map.of())) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.header("Content-Type")).startsWith("text/event-stream");
            assertThat(client.next("unread-count", WAIT).data()).isEqualTo("{\"unread\":0}");

            String requestId = invite(helper, "HIGH");
            SseClient.Event item = client.next("notification", WAIT);
            assertThat(item).isNotNull();
            assertThat(item.data()).contains("\"link\":\"/api/requests/" + requestId + "\"")
                    .contains("\"kind\":\"REQUEST_INVITATION\"");
            long id = ((Number) as(helper).get("/api/notifications").path("items[0].id")).longValue();
            assertThat(item.id()).isEqualTo(Long.toString(id));
            assertThat(client.next("unread-count", WAIT).data()).isEqualTo("{\"unread\":1}");

            // reading it (through the API) changes the count on the stream
            as(helper).post("/api/notifications/" + id + "/read").then().statusCode(200);
            assertThat(client.next("unread-count", WAIT).data()).isEqualTo("{\"unread\":0}");
        }
    }

    @Test
    void aReconnectingClientGetsWhatItMissedAfterItsLastEventIdAndNothingTwice() {
        String helper = unique("helper");
        String first;
        try (SseClient client = connect(helper, Map.of())) {
            client.next("unread-count", WAIT);
            invite(helper, "NORMAL");
            first = client.next("notification", WAIT).id();
        }
        // while disconnected, two more arrive
        String second = invite(helper, "NORMAL");
        String third = invite(helper, "NORMAL");
        await().atMost(WAIT).until(() -> as(helper).get("/api/notifications/unread-count").path("unread")
                .equals(3));
        try (SseClient client = connect(helper, Map.of("Last-Event-ID", first))) {
            assertThat(client.next("unread-count", WAIT).data()).isEqualTo("{\"unread\":3}");
            SseClient.Event a = client.next("notification", WAIT);
            SseClient.Event b = client.next("notification", WAIT);
            assertThat(a.data()).contains(second);
            assertThat(b.data()).contains(third);
            assertThat(Long.parseLong(b.id())).isGreaterThan(Long.parseLong(a.id()));
            assertThat(client.next("notification", Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void nobodyEverReceivesAnotherPersonsItemsOnTheirStream() {
        String alice = unique("alice");
        String bob = unique("bob");
        try (SseClient aliceStream = connect(alice, Map.of())) {
            aliceStream.next("unread-count", WAIT);
            invite(bob, "BLOCKING");
            await().atMost(WAIT).until(() -> as(bob).get("/api/notifications/unread-count").path("unread")
                    .equals(1));
            invite(alice, "LOW");
            SseClient.Event mine = aliceStream.next("notification", WAIT);
            assertThat(mine).isNotNull();
            assertThat(aliceStream.drain()).noneMatch(event -> event.data().contains("BLOCKING"));
            assertThat(mine.data()).doesNotContain("BLOCKING");
        }
    }

    @Test
    void aTicketOpensTheStreamOnceAndOnlyForItsOwner() {
        String user = unique("browser");
        var issued = as(user).post("/api/notifications/stream-tickets").then().statusCode(201).extract();
        String ticket = issued.path("ticket");
        assertThat((String) issued.path("streamPath")).isEqualTo("/api/notifications/stream?ticket=" + ticket);
        assertThat((String) issued.path("expiresAt")).isNotBlank();
        try (SseClient client = SseClient.connect(stream + "?ticket=" + ticket, Map.of())) {
            assertThat(client.status()).isEqualTo(200);
            client.next("unread-count", WAIT);
            invite(user, "NORMAL");
            assertThat(client.next("notification", WAIT)).isNotNull();
        }
        // single use
        given().get(stream + "?ticket=" + ticket).then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:scaffold:problem:unauthenticated"));
        given().get(stream + "?ticket=made-up").then().statusCode(401);
    }

    @Test
    void aBrowsersOwnReconnectWithItsTicketResumesWithoutLossWhileTheUrlAloneOpensNothing() {
        String user = unique("browser");
        String streamPath = as(user).post("/api/notifications/stream-tickets").then().statusCode(201).extract()
                .path("streamPath");
        String url = stream.resolve(streamPath).toString();
        try (EventSourceClient source = EventSourceClient.open(url, Map.of())) {
            SseClient.Event count = source.next("unread-count", WAIT);
            assertThat(count.data()).isEqualTo("{\"unread\":0}");
            assertThat(count.id()).as("the first event names the stream's position").isEqualTo("0");
            invite(user, "NORMAL");
            SseClient.Event first = source.next("notification", WAIT);
            assertThat(first).isNotNull();

            // the URL alone (a leaked link, a second tab) opens nothing: the ticket now serves this stream only
            given().get(url).then().statusCode(401).contentType("application/problem+json");

            // the connection drops; two items arrive while the browser waits its retry delay
            source.dropConnection();
            String second = invite(user, "NORMAL");
            String third = invite(user, "NORMAL");
            SseClient.Event a = source.next("notification", WAIT);
            SseClient.Event b = source.next("notification", WAIT);
            assertThat(a).isNotNull();
            assertThat(b).isNotNull();
            assertThat(a.data()).contains(second);
            assertThat(b.data()).contains(third);
            assertThat(source.next("notification", Duration.ofSeconds(1))).as("nothing twice").isNull();
            assertThat(source.statuses()).as("the browser's own reconnects were all accepted").hasSizeGreaterThan(1)
                    .containsOnly(200);
            assertThat(source.readyState()).isEqualTo(EventSourceClient.ReadyState.OPEN);
            assertThat(source.lastEventId()).isEqualTo(b.id());
        }
    }

    @Test
    void theStreamSpeaksOnlySseFieldsAndItsDataIsTheJsonAlone() {
        String helper = unique("helper");
        try (SseClient client = connect(helper, Map.of())) {
            client.next("unread-count", WAIT);
            invite(helper, "HIGH");
            SseClient.Event item = client.next("notification", WAIT);
            assertThat(item.data()).startsWith("{\"id\":");
            assertThat(client.fieldNames()).isSubsetOf("id", "event", "data", "retry");
        }
    }

    @Test
    void aPersonHoldsAtMostTheConfiguredNumberOfStreamsAndUnusedTickets() {
        String user = unique("tabs");
        int limit = ConfigProvider.getConfig().getValue("scaffold.notifications.limits.streams-per-person",
                Integer.class);
        List<SseClient> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < limit; i++) {
                SseClient client = connect(user, Map.of());
                assertThat(client.status()).isEqualTo(200);
                open.add(client);
            }
            given().header("Authorization", TestTokens.bearer(user)).get(stream).then().statusCode(429)
                    .contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue())
                    .body("type", equalTo("urn:scaffold:problem:too-many-requests"));
        } finally {
            open.forEach(SseClient::close);
        }
        String holder = unique("hoarder");
        int tickets = ConfigProvider.getConfig().getValue("scaffold.notifications.limits.unused-tickets",
                Integer.class);
        for (int i = 0; i < tickets; i++) {
            as(holder).post("/api/notifications/stream-tickets").then().statusCode(201);
        }
        as(holder).post("/api/notifications/stream-tickets").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theStreamWithoutATokenOrTicketIsRefused() {
        given().get(stream).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", TestTokens.forgedBearer("mallory")).get(stream).then().statusCode(401);
        given().header("Authorization", TestTokens.expiredBearer("mallory")).get(stream).then().statusCode(401);
        as(unique("x")).header("Last-Event-ID", "yesterday").get(stream).then().statusCode(400)
                .body("errors[0].field", equalTo("Last-Event-ID"));
    }

    /** Asks for the stream and reads the answer's head only: a refusal that wrongly became a stream fails, never hangs. */
    private java.net.http.HttpHeaders refusal(int status, Map<String, String> headers) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(stream);
        headers.forEach(request::header);
        try {
            java.net.http.HttpResponse<java.io.InputStream> answer = HTTP.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            answer.body().close();
            assertThat(answer.statusCode()).as(headers.toString()).isEqualTo(status);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            return answer.headers();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTokenForAnotherServiceOrWithoutTheBearerSchemeIsRefusedAndNamesTheScheme() {
        assertThat(refusal(401, Map.of("Authorization", TestTokens.otherAudienceBearer("mallory")))
                .firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(refusal(401, Map.of("Authorization", "Basic bWFsbG9yeTpzZWNyZXQ="))
                .firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void theStreamAnswersGetHeadAndOptionsOnlyAndOnlyAsAnEventStream() {
        String user = unique("methods");
        as(user).post("/api/notifications/stream").then().statusCode(405).contentType("application/problem+json")
                .header("Allow", "GET, HEAD, OPTIONS");
        as(user).delete("/api/notifications/stream").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS");
        given().options(stream).then().statusCode(200).header("Allow", "GET, HEAD, OPTIONS");
        for (String accept : List.of("application/json", "text/event-stream;q=0, */*", "text/html, text/*;q=0")) {
            refusal(406, Map.of("Authorization", TestTokens.bearer(user), "Accept", accept));
        }
        // a HEAD says what a GET would answer, and ends there
        as(user).head(stream).then().statusCode(200).contentType(startsWith("text/event-stream"))
                .header("Cache-Control", "no-store");
        given().head(stream).then().statusCode(401);
    }

    @Test
    void aHeadWithATicketSpendsNoTicket() {
        String user = unique("prefetched");
        String ticket = as(user).post("/api/notifications/stream-tickets").then().statusCode(201).extract()
                .path("ticket");
        given().head(stream + "?ticket=" + ticket).then().statusCode(200);
        try (SseClient client = SseClient.connect(stream + "?ticket=" + ticket, Map.of())) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.next("unread-count", WAIT)).isNotNull();
        }
        given().head(stream + "?ticket=made-up").then().statusCode(401);
    }

    @Test
    void openingTheStreamIsEnoughForTheCallersClaimsToBeRecorded() throws Exception {
        String user = unique("streamer");
        String token = TestTokens.token(user, Map.of("name", "Stream Only", "email", user + "@example.org"));
        try (SseClient client = SseClient.connect(stream.toString(), Map.of("Authorization", "Bearer " + token))) {
            client.next("unread-count", WAIT);
            try (Connection db = database(); PreparedStatement known = db.prepareStatement(
                    "SELECT email FROM known_person WHERE user_id = ?")) {
                known.setString(1, user);
                var rows = known.executeQuery();
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(user + "@example.org");
            }
        }
    }

    @Test
    void idleStreamsGetAHeartbeatComment() {
        try (SseClient client = connect(unique("idle"), Map.of())) {
            // the test profile beats every second
            assertThat(client.next(":comment", Duration.ofSeconds(10))).isNotNull();
        }
    }

    @Test
    void duringQuietHoursOnlyBlockingRequestsArePushedButEverythingLandsInTheInbox() {
        String helper = unique("sleeper");
        // quiet all day long on the person's own clock: from the next minute round to the current one
        java.time.ZoneId zone = java.time.ZoneId.of("Pacific/Auckland");
        java.time.LocalTime now = java.time.LocalTime.now(zone);
        String from = now.plusMinutes(2).withSecond(0).withNano(0).toString().substring(0, 5);
        String to = now.plusMinutes(1).withSecond(0).withNano(0).toString().substring(0, 5);
        as(helper).body("{\"quietHours\":{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"timeZone\":\""
                + zone.getId() + "\"}}").put("/api/notifications/preferences").then().statusCode(200);
        try (SseClient client = connect(helper, Map.of())) {
            client.next("unread-count", WAIT);
            String quiet = invite(helper, "HIGH");
            String blocking = invite(helper, "BLOCKING");
            SseClient.Event pushed = client.next("notification", WAIT);
            assertThat(pushed.data()).contains(blocking).doesNotContain(quiet);
            await().atMost(WAIT).until(() -> as(helper).get("/api/notifications/unread-count").path("unread")
                    .equals(2));
            assertThat(client.next("notification", Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void anItemWrittenByAnotherReplicaReachesAStreamOnThisOne() throws Exception {
        String user = unique("elsewhere");
        try (SseClient client = connect(user, Map.of())) {
            client.next("unread-count", WAIT);
            // what another replica's fan-out does: insert, count, and NOTIFY on commit, on its own connection
            try (Connection db = database()) {
                db.setAutoCommit(false);
                long id;
                try (PreparedStatement insert = db.prepareStatement("""
                        INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id,
                            subject_id, status, created_at, updated_at)
                        VALUES (nextval('notification_id_seq'), ?, 'ROLE_CHANGED', 'From the other replica', '',
                            '/api/communities/x', ?, 'x', 'UNREAD', now(), now()) RETURNING id""")) {
                    insert.setString(1, user);
                    insert.setString(2, UUID.randomUUID().toString());
                    var rows = insert.executeQuery();
                    rows.next();
                    id = rows.getLong(1);
                }
                try (PreparedStatement count = db.prepareStatement("INSERT INTO unread_counter VALUES (?, 1)");
                        PreparedStatement notify = db.prepareStatement("SELECT pg_notify('scaffold_inbox', ?)")) {
                    count.setString(1, user);
                    count.executeUpdate();
                    notify.setString(1, "n:" + id + ":" + id);
                    notify.executeQuery();
                }
                db.commit();
            }
            SseClient.Event item = client.next("notification", WAIT);
            assertThat(item.data()).contains("From the other replica");
            assertThat(client.next("unread-count", WAIT).data()).isEqualTo("{\"unread\":1}");
        }
    }

    private static Connection database() throws java.sql.SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", config("quarkus.datasource.username"));
        ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(password -> login.setProperty("password", password));
        return new org.postgresql.Driver().connect(config("quarkus.datasource.jdbc.url"), login);
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
