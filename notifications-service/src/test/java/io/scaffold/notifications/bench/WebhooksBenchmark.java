package io.scaffold.notifications.bench;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.Events;
import io.scaffold.platform.testing.TestInfrastructure;
import io.scaffold.platform.testing.TestTokens;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * Webhook deliveries from one instance to a receiver on this machine (run with -Pbench): new-request events are
 * published at a steady rate; for each, the delay from its publication to its arrival at the receiver, signed, and
 * the deliveries per second sustained. Baseline in the same run: the same events' arrival at a plain Kafka consumer
 * in this JVM (the floor any consumer of the topic pays). Then the dispatcher alone: a backlog queued while the
 * endpoint is off, and the rate at which it goes out once it is turned on. Figures are printed, never asserted.
 */
@QuarkusTest
class WebhooksBenchmark {
    static final double RATE = Double.parseDouble(System.getProperty("bench.webhooks.rate", "200"));
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
    /**
     * Long enough for the JIT compiler to settle: after 10 s at 200/s it still took 60-90 % of one of this machine's
     * two cores through the measured run (JFR compilation events), and the consumer fell behind the events.
     */
    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 40));
    static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":\"([0-9a-f-]{36})\"");

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void deliveriesFromEventToReceiver() throws Exception {
        Map<String, Long> published = new ConcurrentHashMap<>();
        Map<String, Long> delivered = new ConcurrentHashMap<>();
        Map<String, Long> consumed = new ConcurrentHashMap<>();
        HttpServer receiver = receiver(0, delivered);
        int port = receiver.getAddress().getPort();
        String admin = "bench-integrator";
        given().header("Authorization", TestTokens.bearer(admin, "integration-admin")).contentType("application/json")
                .body(Map.of("url", "http://localhost:" + port + "/hook",
                        "eventTypes", List.of("scaffold.help-request.created.v1")))
                .post("/api/notifications/webhooks").then().statusCode(201);

        // Warm-up at the same rate until every delivery arrived (the JIT compiler, the pools), not measured.
        List<String[]> warmUp = newRequests((int) (RATE * WARM_UP.toSeconds()));
        publish(warmUp, new ConcurrentHashMap<>(), System.nanoTime(), RATE);
        long warmed = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (delivered.size() < warmUp.size() && System.nanoTime() < warmed) {
            Thread.sleep(100);
        }
        delivered.clear();

        java.sql.Timestamp measured;
        try (var connection = dataSource.getConnection(); var rows = connection.createStatement()
                .executeQuery("SELECT now()")) {
            rows.next();
            measured = rows.getTimestamp(1);
        }
        io.scaffold.platform.testing.bench.BenchDatabase db = new io.scaffold.platform.testing.bench.BenchDatabase(
                dataSource);
        db.resetStatements();
        Thread baseline = baselineConsumer(consumed);
        int total = (int) (RATE * RUN.toSeconds());
        List<String[]> events = newRequests(total);
        Events.request("scaffold.help-request.created.v1", events.get(0)[0], events.get(0)[1]); // checks the schema
        published.put(events.get(0)[0], System.nanoTime());

        long start = System.nanoTime();
        publish(events.subList(1, total), published, start, RATE);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while ((delivered.size() < total || consumed.size() < total) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        baseline.interrupt();
        receiver.stop(0);

        long lastDelivery = delivered.values().stream().mapToLong(Long::longValue).max().orElse(start);
        System.out.println();
        System.out.println("=== webhooks (" + total + " new-request events published at " + RATE + "/s, one endpoint"
                + " on this machine, after a " + WARM_UP.toSeconds() + " s warm-up at that rate) ===");
        System.out.printf("deliveries: %d of %d, %.0f per second from the first publication to the last arrival%n",
                delivered.size(), total, delivered.size() / ((lastDelivery - start) / 1e9));
        try (var connection = dataSource.getConnection(); var query = connection.prepareStatement(
                "SELECT count(*), extract(epoch FROM max(created_at) - min(created_at)) FROM webhook_delivery"
                        + " WHERE created_at >= ?")) {
            query.setTimestamp(1, measured);
            var rows = query.executeQuery();
            rows.next();
            System.out.printf("queued by the consumer: %d deliveries over %.1f s (%.0f per second)%n", rows.getLong(1),
                    rows.getDouble(2), rows.getLong(1) / Math.max(0.001, rows.getDouble(2)));
        }
        System.out.println(line("event -> webhook receiver (signed CloudEvent)", published, delivered));
        System.out.println(line("baseline: event -> plain Kafka consumer", published, consumed));
        io.scaffold.platform.testing.bench.BenchReport.record("webhook deliveries, event to signed arrival, p99 at "
                + (int) RATE + " events/s (baseline: a plain Kafka consumer)", p99(published, delivered), "ms",
                p99(published, consumed), io.scaffold.platform.testing.bench.BenchReport.Target.below(1000, "ms"));
        db.printStatements("consumer and dispatcher, " + total + " events", 12);

        // The dispatcher alone: a backlog held while the endpoint is off (written here with SQL: a turned-off endpoint
        // gets no new events), sent when it is turned on.
        String endpointId = given().header("Authorization", TestTokens.bearer(admin, "integration-admin"))
                .get("/api/notifications/webhooks").then().extract().path("[0].id");
        Map<String, Object> endpoint = Map.of("url", "http://localhost:" + port + "/hook",
                "eventTypes", List.of("scaffold.help-request.created.v1"), "enabled", false);
        HttpServer backlogReceiver = receiver(port, delivered);
        given().header("Authorization", TestTokens.bearer(admin, "integration-admin")).contentType("application/json")
                .body(endpoint).put("/api/notifications/webhooks/" + endpointId).then().statusCode(200);
        delivered.clear();
        try (var connection = dataSource.getConnection(); var insert = connection.prepareStatement("""
                INSERT INTO webhook_delivery (id, endpoint_id, event_id, event_type, payload, status, window_start,
                                              next_attempt_at, created_at)
                SELECT gen_random_uuid(), ?, gen_random_uuid()::text, 'scaffold.help-request.created.v1',
                       '{"specversion":"1.0","type":"scaffold.help-request.created.v1","data":{"requestId":"'
                           || gen_random_uuid() || '"}}', 'PENDING', now(), NULL, now()
                FROM generate_series(1, ?)""")) {
            insert.setObject(1, UUID.fromString(endpointId));
            insert.setInt(2, total);
            insert.executeUpdate();
        }
        long turnedOn = System.nanoTime();
        long deadline2 = turnedOn + TimeUnit.MINUTES.toNanos(3);
        given().header("Authorization", TestTokens.bearer(admin, "integration-admin")).contentType("application/json")
                .body(Map.of("url", endpoint.get("url"), "eventTypes", endpoint.get("eventTypes"), "enabled", true))
                .put("/api/notifications/webhooks/" + endpointId).then().statusCode(200);
        while (delivered.size() < total && System.nanoTime() < deadline2) {
            Thread.sleep(20);
        }
        long drained = delivered.values().stream().mapToLong(Long::longValue).max().orElse(turnedOn);
        backlogReceiver.stop(0);
        System.out.printf("dispatcher alone: a backlog of %d deliveries sent in %.1f s (%.0f per second)%n",
                delivered.size(), (drained - turnedOn) / 1e9, delivered.size() / ((drained - turnedOn) / 1e9));
    }

    /** A receiver that notes when each signed new-request event arrives. */
    private static HttpServer receiver(int port, Map<String, Long> delivered) throws java.io.IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher id = REQUEST_ID.matcher(body);
            if (id.find() && exchange.getRequestHeaders().getFirst("webhook-signature") != null) {
                delivered.putIfAbsent(id.group(1), System.nanoTime());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        return receiver;
    }

    /** Publishes the events at {@code rate} per second from {@code start}, recording when each was sent. */
    static void publish(List<String[]> events, Map<String, Long> published, long start, double rate)
            throws Exception {
        long intervalNanos = (long) (1e9 / rate);
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < events.size(); i++) {
                long due = start + (i + 1) * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String[] event = events.get(i);
                ProducerRecord<String, String> record = new ProducerRecord<>(Events.REQUESTS, event[0], event[1]);
                Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(),
                                "ce_type", "scaffold.help-request.created.v1", "ce_source", "/requests-service",
                                "ce_subject", event[0], "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString(),
                                "content-type", "application/json")
                        .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                published.put(event[0], System.nanoTime());
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static List<String[]> newRequests(int count) {
        return newRequests(count, i -> List.of());
    }

    /** New-request events, the {@code i}th inviting {@code helpers.apply(i)}. */
    static List<String[]> newRequests(int count, java.util.function.IntFunction<List<String>> helpers) {
        List<String[]> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String requestId = UUID.randomUUID().toString();
            events.add(new String[] {requestId,
                    Events.created(requestId, "bench-asker-" + (i % 100), false, null, null, helpers.apply(i))});
        }
        return events;
    }

    /** p99 of the delays from publication to arrival, in milliseconds. */
    static double p99(Map<String, Long> published, Map<String, Long> arrived) {
        return delays(published, arrived).getValueAtPercentile(99) / 1000.0;
    }

    private static Histogram delays(Map<String, Long> published, Map<String, Long> arrived) {
        Histogram delays = new Histogram(3);
        arrived.forEach((id, at) -> {
            Long sent = published.get(id);
            if (sent != null) {
                delays.recordValue(Math.max(1, (at - sent) / 1000));
            }
        });
        return delays;
    }

    static String line(String name, Map<String, Long> published, Map<String, Long> arrived) {
        Histogram delays = delays(published, arrived);
        return String.format("%-48s p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms   n=%d", name,
                delays.getValueAtPercentile(50) / 1000.0, delays.getValueAtPercentile(99) / 1000.0,
                delays.getMaxValue() / 1000.0, delays.getTotalCount());
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(properties);
    }

    /** A plain consumer of the topic from its end: when each event reaches any consumer at all. */
    static Thread baselineConsumer(Map<String, Long> consumed) throws InterruptedException {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        java.util.concurrent.CountDownLatch assigned = new java.util.concurrent.CountDownLatch(1);
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
                List<TopicPartition> partitions = consumer.partitionsFor(Events.REQUESTS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                assigned.countDown();
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        consumed.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // the run is over
            }
        }, "baseline-consumer");
        thread.start();
        assigned.await(30, TimeUnit.SECONDS);
        return thread;
    }
}
