package io.scaffold.journeys;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Repairs on the full local stack, with the counts printed: projections lost after retention cut the history are
 * rebuilt from the snapshot to exactly the source's state; a dead letter is replayed after the fix and applies once.
 */
class RepairJourneyTest {
    private static final String COMMUNITY_EVENTS = "scaffold.communities.events";
    private static JourneyStack stack;

    @BeforeAll
    static void startTheSuite() {
        stack = JourneyStack.shared();
    }

    @Test
    void projectionsDroppedAfterRetentionCutTheHistoryAreRebuiltFromTheSnapshotToExactlyTheSourcesState()
            throws Exception {
        String owner = "ora" + System.nanoTime();
        String open = community(owner, "PUBLIC");
        String closed = community(owner, "PRIVATE");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String person = "pat" + i + "x" + System.nanoTime();
            people.add(person);
            stack.as(person).post("/api/communities/" + open + "/members").then().statusCode(200);
            if (i < 4) {
                stack.as(person).post("/api/communities/" + closed + "/members").then().statusCode(200);
                stack.as(owner).post("/api/communities/" + closed + "/members/" + person + "/approve").then()
                        .statusCode(200);
            }
        }
        stack.as(owner).body("{\"role\":\"FACILITATOR\"}").put("/api/communities/" + open + "/members/"
                + people.get(0) + "/role").then().statusCode(200);
        stack.as(people.get(1)).body("{\"skills\":[{\"skill\":\"kafka\",\"level\":\"EXPERT\"},{\"skill\":\"sql\","
                + "\"level\":\"LEARNING\"}]}").put("/api/communities/" + open + "/members/" + people.get(1)
                + "/skills").then().statusCode(200);
        stack.as(people.get(2)).body("{\"skills\":[{\"skill\":\"k8s\",\"level\":\"PRACTITIONER\"}]}")
                .put("/api/communities/" + closed + "/members/" + people.get(2) + "/skills").then().statusCode(200);
        List<String> resources = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            resources.add(stack.as(owner).body("{\"type\":\"LINK\",\"title\":\"Runbook " + i + "\",\"tags\":[\"k8s\"],"
                            + "\"url\":\"https://wiki.example.com/runbook/" + i + "\"}")
                    .post("/api/communities/" + (i == 2 ? closed : open) + "/resources").then().statusCode(201)
                    .extract().path("id"));
        }
        stack.as(owner).delete("/api/communities/" + open + "/resources/" + resources.get(0)).then().statusCode(204);
        stack.as(people.get(5)).delete("/api/communities/" + open + "/members/" + people.get(5)).then()
                .statusCode(204);
        java.util.function.Predicate<String> ours = row -> row.contains(open) || row.contains(closed);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                requestsProjection().stream().filter(ours).toList()
                        .equals(sourceAsRequestsSeesIt().stream().filter(ours).toList())
                        && notificationsProjection().stream().filter(ours).toList()
                        .equals(sourceAsNotificationsSeesIt().stream().filter(ours).toList()));

        Map<TopicPartition, Long> beforeSnapshot = endOffsets(COMMUNITY_EVENTS);
        String snapshot = ops().post(stack.gateway + "/api/communities/ops/snapshots").then().statusCode(202)
                .extract().path("id");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> "COMPLETED".equals(
                ops().get(stack.gateway + "/api/communities/ops/snapshots/" + snapshot).then().statusCode(200)
                        .extract().path("status")));
        long cut = deleteRecordsBefore(beforeSnapshot); // what a retention period does to the oldest events
        // Both services finish applying the snapshot before their projections are dropped: a consumer still writing
        // them would race the deletes (a deadlock, or rows back after them).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                rows("communities", "SELECT count(*) FROM scaffold_outbox WHERE sent_at IS NULL").equals(List.of("0"))
                        && caughtUp("requests-service") && caughtUp("notifications-service"));

        sql("requests", "DELETE FROM community_member; DELETE FROM member_skill; DELETE FROM community_resource;"
                + " DELETE FROM community_view");
        sql("notifications", "DELETE FROM community_member; DELETE FROM community_view");
        assertThat(requestsProjection()).isEmpty();

        Map<String, Object> requests = ops().post(stack.gateway
                + "/api/requests/ops/projections/communities/rebuild").then().statusCode(200).extract().path("$");
        Map<String, Object> notifications = ops().post(stack.gateway
                + "/api/notifications/ops/projections/communities/rebuild").then().statusCode(200).extract()
                .path("$");

        List<String> source = sourceAsRequestsSeesIt();
        List<String> rebuilt = requestsProjection();
        System.out.printf("repair: %d community events deleted before the snapshot (as retention would); projections"
                        + " dropped and rebuilt. requests-service: %s records read, %s applied, %s skipped in %s ms,"
                        + " %d rows (communities, members, skills, resources), %d differing from communities-service;"
                        + " notifications-service: %s records read in %s ms, %d rows, %d differing%n", cut,
                requests.get("records"), requests.get("applied"), requests.get("skipped"), requests.get("tookMillis"),
                rebuilt.size(), difference(source, rebuilt), notifications.get("records"),
                notifications.get("tookMillis"), notificationsProjection().size(),
                difference(sourceAsNotificationsSeesIt(), notificationsProjection()));
        assertThat(cut).isPositive();
        assertThat(rebuilt).isEqualTo(source).contains("member " + closed + " " + people.get(3) + " MEMBER",
                "skill " + open + " " + people.get(1) + " kafka 3", "resource " + closed + " " + resources.get(2)
                        + " LINK Runbook 2");
        assertThat(notificationsProjection()).isEqualTo(sourceAsNotificationsSeesIt());
        // Routing reads the rebuilt projection: a new ask in the private community invites its skilled member.
        String asked = stack.as(people.get(3)).body("{\"title\":\"Pods restart after the deploy\",\"body\":\"Why?\","
                        + "\"tags\":[\"k8s\"],\"urgency\":\"NORMAL\",\"communityId\":\"" + closed + "\"}")
                .post("/api/requests").then().statusCode(201).extract().path("id");
        assertThat(stack.as(people.get(3)).get("/api/requests/" + asked + "/helpers").then().statusCode(200)
                .extract().<List<String>>path("userId")).contains(people.get(2));
    }

    @Test
    void anEventDeadLetteredForAKeyNotYetRolledOutIsReplayedAfterTheFixAndNotifiesOnce() throws Exception {
        String requester = "pia" + System.nanoTime();
        String helper = "quin" + System.nanoTime();
        byte[] newKey = new byte[32];
        new SecureRandom().nextBytes(newKey);
        String requestId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        // requests-service already seals with a new key that notifications-service does not hold yet
        String data = "{\"requestId\":\"" + requestId + "\",\"title\":\"Certificates expire tonight\",\"urgency\":"
                + "\"BLOCKING\",\"sealedRequesterId\":\"" + seal(requester, requestId, newKey) + "\",\"anonymous\":true,"
                + "\"responseId\":\"" + UUID.randomUUID() + "\",\"responderId\":\"" + helper + "\",\"kind\":\"ANSWER\","
                + "\"responseCount\":1,\"actorId\":\"" + helper + "\",\"occurredAt\":\"" + Instant.now() + "\"}";
        publish("scaffold.requests.events", requestId, eventId, "scaffold.help-request.responded.v1",
                "/requests-service", data);

        String deadLetter = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> deadLetterOf(stack.gateway, eventId), id -> id != null);
        assertThat(responses(requester)).isZero();
        assertThat(ops().get(stack.gateway + "/api/notifications/ops/dead-letters/" + deadLetter).then()
                .statusCode(200).extract().<String>path("reason")).contains("sealedRequesterId")
                .contains("does not hold");

        // The fix: a notifications-service replica with the new key, as a rollout would bring it
        int replicaPort = JourneyStack.freePort();
        try (AutoCloseable replica = stack.stack.startReplica("notifications-service", replicaPort,
                Map.of("SCAFFOLD_SEALED_IDS_PREVIOUS_KEYS", Base64.getEncoder().encodeToString(newKey)))) {
            String replicaUrl = "http://localhost:" + replicaPort;
            String first = ops().post(replicaUrl + "/api/notifications/ops/dead-letters/" + deadLetter + "/replay")
                    .then().statusCode(200).extract().path("outcome");
            String second = ops().post(replicaUrl + "/api/notifications/ops/dead-letters/" + deadLetter + "/replay")
                    .then().statusCode(200).extract().path("outcome");
            int notified = responses(requester);
            System.out.printf("repair: 1 event dead-lettered (a seal under a key not yet rolled out); after the fix,"
                    + " replay 1: %s, replay 2: %s; the anonymous requester has %d notification(s)%n", first, second,
                    notified);
            assertThat(first).isEqualTo("APPLIED");
            assertThat(second).isEqualTo("ALREADY_APPLIED");
            assertThat(notified).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------- the suite's state, as each database has it

    private static List<String> sourceAsRequestsSeesIt() {
        return rows("communities", """
                SELECT 'community ' || id || ' ' || name || ' ' || visibility || ' ' || array_to_string(tags, ',')
                       || ' ' || (archived_at IS NOT NULL) FROM community
                UNION ALL SELECT 'member ' || community_id || ' ' || user_id || ' ' || role FROM membership
                          WHERE status = 'ACTIVE'
                UNION ALL SELECT 'skill ' || community_id || ' ' || user_id || ' ' || skill || ' '
                          || CASE level WHEN 'LEARNING' THEN 1 WHEN 'PRACTITIONER' THEN 2 ELSE 3 END FROM member_skill
                UNION ALL SELECT 'resource ' || community_id || ' ' || id || ' ' || type || ' ' || title
                          FROM shared_resource""");
    }

    private static List<String> requestsProjection() {
        return rows("requests", """
                SELECT 'community ' || id || ' ' || name || ' ' || visibility || ' ' || array_to_string(tags, ',')
                       || ' ' || archived FROM community_view
                UNION ALL SELECT 'member ' || community_id || ' ' || user_id || ' ' || role FROM community_member
                UNION ALL SELECT 'skill ' || community_id || ' ' || user_id || ' ' || skill || ' ' || level
                          FROM member_skill
                UNION ALL SELECT 'resource ' || community_id || ' ' || id || ' ' || type || ' ' || title
                          FROM community_resource""");
    }

    private static List<String> sourceAsNotificationsSeesIt() {
        return rows("communities", """
                SELECT 'community ' || id || ' ' || name || ' ' || visibility FROM community
                UNION ALL SELECT 'member ' || community_id || ' ' || user_id || ' ' || role FROM membership
                          WHERE status = 'ACTIVE'""");
    }

    private static List<String> notificationsProjection() {
        return rows("notifications", """
                SELECT 'community ' || id || ' ' || name || ' ' || visibility FROM community_view
                UNION ALL SELECT 'member ' || community_id || ' ' || user_id || ' ' || role FROM community_member""");
    }

    private static long difference(List<String> a, List<String> b) {
        return a.stream().filter(row -> !b.contains(row)).count() + b.stream().filter(row -> !a.contains(row)).count();
    }

    private static List<String> rows(String database, String query) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM (" + query + ") AS rows ORDER BY 1")) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + database, e);
        }
    }

    private static void sql(String database, String statements) throws Exception {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + stack.settings.embeddedDbPort() + "/"
                + database, "postgres", "postgres");
    }

    // ---------------------------------------------------------------- the broker, as an operator and a producer

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        }
    }

    /** Whether the consumer group has committed every community event on the topic. */
    private static boolean caughtUp(String group) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(COMMUNITY_EVENTS);
        try (Admin admin = admin()) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return end.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
        }
    }

    /** @return how many records were deleted */
    private static long deleteRecordsBefore(Map<TopicPartition, Long> offsets) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            offsets.keySet().forEach(p -> earliest.put(p, OffsetSpec.earliest()));
            long deleted = 0;
            for (var entry : admin.listOffsets(earliest).all().get().entrySet()) {
                deleted += offsets.get(entry.getKey()) - entry.getValue().offset();
            }
            Map<TopicPartition, RecordsToDelete> cut = new HashMap<>();
            offsets.forEach((partition, offset) -> cut.put(partition, RecordsToDelete.beforeOffset(offset)));
            admin.deleteRecords(cut).all().get();
            return deleted;
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings.kafkaBootstrap()));
    }

    private static void publish(String topic, String key, String id, String type, String source, String data)
            throws Exception {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, data);
            record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(id)).add("ce_type", bytes(type))
                    .add("ce_source", bytes(source)).add("ce_subject", bytes(key))
                    .add("ce_time", bytes(Instant.now().toString())).add("content-type", bytes("application/json"));
            producer.send(record).get();
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Seals as the requests AsyncAPI document describes, independently of the platform's code:
     * v1.<key id>.<base64url(nonce | AES-256-GCM ciphertext and tag)>, the request id as associated data.
     */
    private static String seal(String id, String requestId, byte[] key) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(requestId.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(id.getBytes(StandardCharsets.UTF_8));
        String keyId = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        return "v1." + keyId + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    }

    // ---------------------------------------------------------------- calls

    private static String community(String owner, String visibility) {
        return stack.as(owner).body("{\"name\":\"Repair " + visibility + " " + System.nanoTime() + "\",\"description\":"
                        + "\"Projections\",\"visibility\":\"" + visibility + "\",\"tags\":[\"k8s\"]}")
                .post("/api/communities").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification ops() {
        String token = RestAssured.get(stack.gateway + "/dev/token?user=olga&roles=ops").then().statusCode(200)
                .extract().path("token");
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** The dead letter's id (partition-offset) at this gateway or service, once the event is on the topic. */
    private static String deadLetterOf(String baseUrl, String eventId) {
        List<Map<String, Object>> items = ops().get(baseUrl + "/api/notifications/ops/dead-letters?limit=500").then()
                .statusCode(200).extract().path("items");
        return items.stream().filter(item -> eventId.equals(item.get("eventId"))).map(item -> (String) item.get("id"))
                .findFirst().orElse(null);
    }

    private static int responses(String person) {
        List<?> items = stack.as(person).get("/api/notifications?kind=RESPONSE_POSTED").then().statusCode(200)
                .extract().path("items");
        return items.size();
    }
}
