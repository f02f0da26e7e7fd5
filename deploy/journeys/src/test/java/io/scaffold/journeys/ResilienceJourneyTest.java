package io.scaffold.journeys;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults on the full local stack, under steady load, with the counts printed: nothing lost, nothing duplicated,
 * nothing dead-lettered.
 */
class ResilienceJourneyTest {
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static JourneyStack stack;

    @BeforeAll
    static void startTheSuite() {
        stack = JourneyStack.shared();
    }

    @Test
    void whileNotificationsDatabaseRefusesConnectionsFor30sUnderLoadEveryNotificationArrivesOnceAndNoneIsDeadLettered()
            throws Exception {
        String asker = "sam" + System.nanoTime();
        String helper = "tom" + System.nanoTime();
        String communityId = communityOf(asker, helper, "Outage");
        int deadLettersBefore = deadLetters();

        int asked = 0;
        long started = System.nanoTime();
        acceptConnections("notifications", false);
        try {
            // Two asks per second, each answered at once: a RESPONSE_POSTED notification for the asker each.
            while (System.nanoTime() - started < OUTAGE.toNanos()) {
                long tick = System.nanoTime();
                String id = stack.as(asker).body(ask(communityId, asked)).post("/api/requests").then().statusCode(201)
                        .extract().path("id");
                stack.as(helper).body("{\"kind\":\"ANSWER\",\"text\":\"Check the readiness probe\"}")
                        .post("/api/requests/" + id + "/responses").then().statusCode(201);
                asked++;
                Thread.sleep(Math.max(0, 500 - (System.nanoTime() - tick) / 1_000_000));
            }
        } finally {
            acceptConnections("notifications", true);
        }
        long restored = System.nanoTime();
        int expected = asked;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> responseNotifications(asker, communityId).size() >= expected);
        double caughtUp = (System.nanoTime() - restored) / 1e9;
        Thread.sleep(2000); // a duplicate would arrive late
        List<String> received = responseNotifications(asker, communityId);
        int deadLettersAfter = deadLetters();

        System.out.printf("resilience: notifications' database refused connections for %d s while %d requests were"
                        + " asked and answered; %d notifications arrived (%d distinct), %d dead-lettered; caught up"
                        + " %.1f s after the database was back%n", OUTAGE.toSeconds(), asked, received.size(),
                new HashSet<>(received).size(), deadLettersAfter - deadLettersBefore, caughtUp);
        assertThat(asked).isGreaterThanOrEqualTo(40);
        assertThat(received).hasSize(asked).doesNotHaveDuplicates();
        assertThat(deadLettersAfter).isEqualTo(deadLettersBefore);
    }

    @Test
    void requestsServiceKilledWithSigkillUnderLoadAndRestartedLosesAndDuplicatesNothingItAcknowledged()
            throws Exception {
        String asker = "una" + System.nanoTime();
        String helper = "vic" + System.nanoTime();
        String communityId = communityOf(asker, helper, "Crash");

        Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        // Two asks per second for 25 s, each answered at once, while requests-service is killed and restarted.
        Thread load = new Thread(() -> {
            long started = System.nanoTime();
            while (System.nanoTime() - started < Duration.ofSeconds(25).toNanos()) {
                long tick = System.nanoTime();
                try {
                    var answer = stack.as(asker).body(ask(communityId, asked.size() + refused.get()))
                            .post("/api/requests");
                    if (answer.statusCode() == 201) {
                        String id = answer.then().extract().path("id");
                        asked.add(id);
                        if (stack.as(helper).body("{\"kind\":\"ANSWER\",\"text\":\"Look at the events\"}")
                                .post("/api/requests/" + id + "/responses").statusCode() == 201) {
                            acknowledged.add("/api/requests/" + id);
                        }
                    } else {
                        refused.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    refused.incrementAndGet();
                }
                try {
                    Thread.sleep(Math.max(0, 500 - (System.nanoTime() - tick) / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "resilience-load");
        load.start();
        Thread.sleep(5000);
        ProcessHandle service = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("")
                        .contains("requests-service/target/quarkus-app/quarkus-run.jar"))
                .findFirst().orElseThrow(() -> new AssertionError("requests-service is not running"));
        service.destroyForcibly();
        service.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        long down = System.nanoTime();
        stack.stack.startReplica("requests-service", stack.port("requests-service"));
        long restartedAfter = (System.nanoTime() - down) / 1_000_000;
        load.join(Duration.ofSeconds(60).toMillis());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> responseNotifications(asker, communityId).containsAll(acknowledged));
        Thread.sleep(2000); // a duplicate would arrive late
        List<String> received = responseNotifications(asker, communityId);

        System.out.printf("resilience: requests-service killed (SIGKILL) under load and ready again %d ms later; %d asks"
                        + " and answers acknowledged, %d refused while it was down; %d notifications arrived (%d"
                        + " distinct), %d acknowledged ones missing%n", restartedAfter, acknowledged.size(), refused.get(),
                received.size(), new HashSet<>(received).size(),
                acknowledged.stream().filter(link -> !received.contains(link)).count());
        assertThat(received).containsAll(acknowledged).doesNotHaveDuplicates()
                .allSatisfy(link -> assertThat(asked).contains(link.substring("/api/requests/".length())));
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void theBrokerStoppedFor30sUnderLoadDelaysButNeitherLosesNorDuplicatesAnything() throws Exception {
        String asker = "wes" + System.nanoTime();
        String helper = "xia" + System.nanoTime();
        String communityId = communityOf(asker, helper, "Broker");
        int deadLettersBefore = deadLetters();

        Set<String> acknowledged = new HashSet<>();
        int refused = 0;
        long started = System.nanoTime();
        stack.stack.stopBroker();
        try {
            // Two asks per second, each answered at once, while no broker runs: the services take them and keep
            // the events in their outboxes.
            while (System.nanoTime() - started < OUTAGE.toNanos()) {
                long tick = System.nanoTime();
                var answer = stack.as(asker).body(ask(communityId, acknowledged.size() + refused))
                        .post("/api/requests");
                if (answer.statusCode() == 201) {
                    String id = answer.then().extract().path("id");
                    if (stack.as(helper).body("{\"kind\":\"ANSWER\",\"text\":\"Wait for the broker\"}")
                            .post("/api/requests/" + id + "/responses").statusCode() == 201) {
                        acknowledged.add("/api/requests/" + id);
                    }
                } else {
                    refused++;
                }
                Thread.sleep(Math.max(0, 500 - (System.nanoTime() - tick) / 1_000_000));
            }
        } finally {
            stack.stack.startBroker();
        }
        long restored = System.nanoTime();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> responseNotifications(asker, communityId).containsAll(acknowledged));
        double caughtUp = (System.nanoTime() - restored) / 1e9;
        Thread.sleep(2000); // a duplicate would arrive late
        List<String> received = responseNotifications(asker, communityId);
        int deadLettersAfter = deadLetters();

        System.out.printf("resilience: the broker was stopped for %d s while %d asks and answers were acknowledged"
                        + " (%d refused); %d notifications arrived (%d distinct), %d dead-lettered; caught up %.1f s"
                        + " after the broker was back%n", OUTAGE.toSeconds(), acknowledged.size(), refused,
                received.size(), new HashSet<>(received).size(), deadLettersAfter - deadLettersBefore, caughtUp);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);
        assertThat(received).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(deadLettersAfter).isEqualTo(deadLettersBefore);
    }

    /**
     * A public community the two people belong to, once requests-service has heard of their memberships (a first ask
     * succeeds).
     */
    private static String communityOf(String asker, String helper, String name) {
        String communityId = stack.as("rita").body("{\"name\":\"" + name + " " + System.nanoTime()
                        + "\",\"description\":\"Resilience\",\"visibility\":\"PUBLIC\",\"tags\":[\"k8s\"]}")
                .post("/api/communities").then().statusCode(201).extract().path("id");
        stack.as(asker).post("/api/communities/" + communityId + "/members").then().statusCode(200);
        stack.as(helper).post("/api/communities/" + communityId + "/members").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                stack.as(asker).header("Idempotency-Key", "warm-up-" + communityId).body(ask(communityId, -1))
                        .post("/api/requests").statusCode() / 100 == 2);
        return communityId;
    }

    private static String ask(String communityId, int n) {
        return "{\"title\":\"Pods restart during the outage " + n + "\",\"body\":\"Readiness fails\",\"tags\":[\"k8s\"],"
                + "\"urgency\":\"NORMAL\",\"communityId\":\"" + communityId + "\"}";
    }

    /** The links of the asker's RESPONSE_POSTED notifications in that community (one per request). */
    private static List<String> responseNotifications(String asker, String communityId) {
        return stack.as(asker).get("/api/notifications?kind=RESPONSE_POSTED&limit=100&communityId=" + communityId)
                .then().statusCode(200).extract().path("items.link");
    }

    private static int deadLetters() {
        String ops = RestAssured.get(stack.gateway + "/dev/token?user=olga&roles=ops").then().statusCode(200)
                .extract().path("token");
        List<?> items = given().baseUri(stack.gateway).header("Authorization", "Bearer " + ops)
                .get("/api/notifications/ops/dead-letters?limit=500").then().statusCode(200).extract().path("items");
        return items.size();
    }

    /** A database outage as the service sees it: new connections refused, open ones cut (or accepted again). */
    private static void acceptConnections(String database, boolean accept) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:"
                + stack.settings.embeddedDbPort() + "/postgres", "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + accept);
            if (!accept) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + database + "'");
            }
        }
    }
}
