package io.scaffold.journeys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scaffold.requests.repository.InvitationRepository;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The same-job baseline of {@code POST /api/requests} for {@link AskPathBenchmark}: the ask's job written with the
 * least code, in a JVM of its own started with the services' options, on requests-service's own database and the
 * stack's broker. A Vert.x HTTP server hands each ask to a worker thread, which verifies the bearer token (jose4j, the
 * stack's public key, issuer and audience), checks the body, and in one JDBC transaction on its own connection checks
 * the caller's membership, runs the routing statement of {@code InvitationRepository.rankHelpers} (first rung, in a
 * community), inserts the request, its invitations and the {@code created} event into the outbox; after the commit a
 * plain {@code KafkaProducer} publishes the event as a binary-mode CloudEvent keyed by request id, and a marker thread
 * records the acknowledged events as sent, in batches.
 *
 * <p>What it leaves out is what the service adds beyond the job: bean validation and problem+json answers,
 * idempotency keys, the caller's claims recorded, the relay's claim of pending rows (ordered per aggregate, retried),
 * tracing, metrics and the typo vocabulary. An event whose publication fails here is left unsent, not retried.
 *
 * <p>Arguments: JDBC URL, user, password, Kafka bootstrap servers, public key file (PEM), issuer, audience. Prints its
 * port once listening.
 */
public final class SameJobAskServer {
    private static final String TOPIC = "scaffold.requests.events";
    private static final int INITIAL_HELPERS = 3;
    private static final int MAX_INVITATIONS_PER_WEEK = 5;
    private static final Duration FIRST_ESCALATION = Duration.ofHours(4); // NORMAL urgency's first rung

    /** The statement requests-service's routing runs for a new request in a community (named parameters). */
    private static final String RANK_HELPERS = InvitationRepository.rankingInCommunity(true);
    private static final String[] LEVELS = {"LEARNING", "PRACTITIONER", "EXPERT"}; // SkillLevel, by weight

    private final BaselineTokens tokens;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json = new ObjectMapper();
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();
    private final BlockingQueue<Long> acknowledged = new LinkedBlockingQueue<>();

    private SameJobAskServer(String[] args) throws Exception {
        jdbcUrl = args[0];
        user = args[1];
        password = args[2];
        Properties kafka = new Properties();
        kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[3]);
        kafka.put(ProducerConfig.ACKS_CONFIG, "all"); // the services' producer settings
        kafka.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        kafka.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        kafka.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        kafka.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(kafka);
        tokens = new BaselineTokens(Path.of(args[4]), args[5], args[6]);
    }

    public static void main(String[] args) throws Exception {
        SameJobAskServer server = new SameJobAskServer(args);
        Thread marker = new Thread(server::markSent, "outbox-marker");
        marker.setDaemon(true);
        marker.start();
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(20)); // Quarkus' default worker count
        int port = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String authorization = request.getHeader("Authorization");
            vertx.executeBlocking(() -> server.ask(authorization, body), false).onComplete(done -> {
                Answer answer = done.succeeded() ? done.result() : new Answer(500, "{\"title\":\"Internal error\"}");
                request.response().setStatusCode(answer.status()).putHeader("Content-Type", "application/json")
                        .end(answer.json());
            });
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        System.out.println("listening on " + port);
        System.out.flush();
    }

    record Answer(int status, String json) {
    }

    Answer ask(String authorization, Buffer body) throws Exception {
        String requester = tokens.subjectOf(authorization);
        if (requester == null) {
            return new Answer(401, "{\"title\":\"Sign in\"}");
        }
        JsonNode input = json.readTree(body.getBytes());
        String title = input.path("title").asText("").strip();
        String text = input.path("body").asText("").strip();
        Set<String> tags = new LinkedHashSet<>();
        input.path("tags").forEach(tag -> tags.add(tag.asText().strip().toLowerCase(Locale.ROOT)));
        UUID communityId = UUID.fromString(input.path("communityId").asText());
        if (title.isEmpty() || title.length() > 200 || text.isEmpty() || text.length() > 10000 || tags.size() > 10) {
            return new Answer(400, "{\"title\":\"Invalid request\"}");
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Connection db = connection();
        UUID eventId = UUID.randomUUID();
        long outboxId;
        String payload;
        String communityName;
        try {
            try (PreparedStatement member = db.prepareStatement("SELECT v.name, v.archived FROM community_view v"
                    + " JOIN community_member m ON m.community_id = v.id AND m.user_id = ? WHERE v.id = ?")) {
                member.setString(1, requester);
                member.setObject(2, communityId);
                try (ResultSet row = member.executeQuery()) {
                    if (!row.next()) {
                        db.rollback();
                        return new Answer(403, "{\"title\":\"Not a member\"}");
                    }
                    if (row.getBoolean(2)) {
                        db.rollback();
                        return new Answer(409, "{\"title\":\"Archived\"}");
                    }
                    communityName = row.getString(1);
                }
            }
            List<String> invited = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            List<Integer> scores = new ArrayList<>();
            List<String> names = new ArrayList<>();
            try (PreparedStatement rank = db.prepareStatement(positional(RANK_HELPERS, names))) {
                java.sql.Array tagArray = db.createArrayOf("text", tags.toArray());
                Map<String, Object> values = Map.of("tags", tagArray, "requester", requester, "community",
                        communityId, "since", Timestamp.from(now.minus(Duration.ofDays(7))), "maxPerWeek",
                        MAX_INVITATIONS_PER_WEEK, "limit", INITIAL_HELPERS, "pivot", id.hashCode());
                for (int i = 0; i < names.size(); i++) {
                    rank.setObject(i + 1, values.get(names.get(i)));
                }
                try (ResultSet row = rank.executeQuery()) {
                    while (row.next()) {
                        invited.add(row.getString(1));
                        int level = row.getInt(2);
                        long helped = row.getLong(3);
                        scores.add(level * 1000 + (int) Math.min(999, helped));
                        String reason = LEVELS[level - 1] + " in " + String.join(", ", row.getString(4).split(" "));
                        reasons.add(helped == 0 ? reason : reason + "; " + helped + " accepted answers on these tags");
                    }
                }
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO help_request (id, title, body, tags,"
                    + " urgency, community_id, community_name, requester_id, anonymous, status, response_count,"
                    + " created_at, updated_at, escalation_level, next_escalation_at, version)"
                    + " VALUES (?, ?, ?, ?, 'NORMAL', ?, ?, ?, false, 'OPEN', 0, ?, ?, 0, ?, 0)")) {
                insert.setObject(1, id);
                insert.setString(2, title);
                insert.setString(3, text);
                insert.setArray(4, db.createArrayOf("text", tags.toArray()));
                insert.setObject(5, communityId);
                insert.setString(6, communityName);
                insert.setString(7, requester);
                insert.setTimestamp(8, Timestamp.from(now));
                insert.setTimestamp(9, Timestamp.from(now));
                insert.setTimestamp(10, Timestamp.from(now.plus(FIRST_ESCALATION)));
                insert.executeUpdate();
            }
            if (!invited.isEmpty()) {
                try (PreparedStatement invite = db.prepareStatement("INSERT INTO helper_invitation (request_id,"
                        + " user_id, kind, level, position, score, reason, invited_at)"
                        + " SELECT ?, t.user_id, 'HELPER', 0, t.position - 1, t.score, t.reason, ?"
                        + " FROM unnest(?::text[], ?::int[], ?::text[]) WITH ORDINALITY AS t(user_id, score, reason,"
                        + " position)")) {
                    invite.setObject(1, id);
                    invite.setTimestamp(2, Timestamp.from(now));
                    invite.setArray(3, db.createArrayOf("text", invited.toArray()));
                    invite.setArray(4, db.createArrayOf("int4", scores.toArray()));
                    invite.setArray(5, db.createArrayOf("text", reasons.toArray()));
                    invite.executeUpdate();
                }
            }
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("requestId", id.toString());
            event.putAll(fields(title, tags, communityId, communityName, requester));
            event.put("anonymous", false);
            event.put("invitedHelperIds", invited);
            event.put("actorId", requester);
            event.put("occurredAt", now.toString());
            payload = json.writeValueAsString(event);
            try (PreparedStatement outbox = db.prepareStatement("INSERT INTO scaffold_outbox (event_id,"
                    + " aggregate_type, aggregate_id, event_type, payload, occurred_at, next_attempt_at)"
                    + " VALUES (?, 'help-request', ?, 'scaffold.help-request.created.v1', ?::json, ?, ?) RETURNING id")) {
                outbox.setObject(1, eventId);
                outbox.setString(2, id.toString());
                outbox.setString(3, payload);
                outbox.setTimestamp(4, Timestamp.from(now));
                outbox.setTimestamp(5, Timestamp.from(now));
                try (ResultSet row = outbox.executeQuery()) {
                    row.next();
                    outboxId = row.getLong(1);
                }
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, id.toString(), payload);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", eventId.toString());
        header(record, "ce_source", "/requests-service");
        header(record, "ce_type", "scaffold.help-request.created.v1");
        header(record, "ce_subject", id.toString());
        header(record, "ce_time", now.toString());
        header(record, "content-type", "application/json");
        producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                acknowledged.add(outboxId);
            }
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id.toString());
        view.putAll(fields(title, tags, communityId, communityName, requester));
        view.put("body", text);
        view.put("createdAt", now.toString());
        return new Answer(201, json.writeValueAsString(view));
    }

    /** What the event and the answer both say of a new request. */
    /** The statement with each {@code :name} replaced by {@code ?}; {@code names} receives them in order. */
    static String positional(String statement, List<String> names) {
        java.util.regex.Matcher parameter = java.util.regex.Pattern.compile(":(\\w+)").matcher(statement);
        StringBuilder jdbc = new StringBuilder();
        while (parameter.find()) {
            names.add(parameter.group(1));
            parameter.appendReplacement(jdbc, "?");
        }
        return parameter.appendTail(jdbc).toString();
    }

    private static Map<String, Object> fields(String title, Set<String> tags, UUID communityId, String communityName,
            String requester) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("title", title);
        fields.put("tags", tags);
        fields.put("urgency", "NORMAL");
        fields.put("status", "OPEN");
        fields.put("communityId", communityId.toString());
        fields.put("communityName", communityName);
        fields.put("requesterId", requester);
        return fields;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** One connection per worker thread, kept: what a pool gives a thread under steady load. */
    private Connection connection() throws SQLException {
        Connection connection = connections.get();
        if (connection == null) {
            connection = DriverManager.getConnection(jdbcUrl, user, password);
            connection.setAutoCommit(false);
            connections.set(connection);
        }
        return connection;
    }

    /** Marks acknowledged events sent, all that arrived since the last statement in one. */
    private void markSent() {
        try (Connection db = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement mark = db.prepareStatement(
                        "UPDATE scaffold_outbox SET sent_at = now() WHERE id = ANY (?)")) {
            while (true) {
                List<Long> ids = new ArrayList<>();
                ids.add(acknowledged.take());
                acknowledged.drainTo(ids);
                mark.setArray(1, db.createArrayOf("int8", ids.toArray()));
                mark.executeUpdate();
            }
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
