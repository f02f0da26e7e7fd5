package io.scaffold.journeys;

import io.scaffold.platform.testing.SseClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The live stream on the full local stack (run with -Pbench; the services are separate processes):
 * <ul>
 *   <li>latency from {@code POST /api/requests} returning to the notification arriving on a follower's SSE stream
 *       (through the gateway), next to the same request's arrival on the Kafka topic (the transport floor);</li>
 *   <li>5,000 idle SSE connections on one notifications-service instance: its resident memory and live heap per
 *       connection (with the classes that grew most, from class histograms), and whether it stays responsive (an
 *       API read's latency and a push's latency, before and with them open); the same memory figures for a bare
 *       Vert.x SSE handler.</li>
 * </ul>
 * Figures are printed, never asserted: these machines are noisy.
 */
class LiveStreamBenchmark {
    static final int REQUESTS = Integer.getInteger("bench.requests", 250);
    static final int IDLE = Integer.getInteger("bench.connections", 5000);

    @Test
    void latencyAndIdleConnections() throws Exception {
        try (JourneyStack stack = JourneyStack.start()) {
            String community = stack.as("owner").body("{\"name\":\"Bench " + System.nanoTime() + "\",\"description\":"
                    + "\"\",\"visibility\":\"PUBLIC\",\"tags\":[\"kafka\"]}").post("/api/communities").then()
                    .statusCode(201).extract().path("id");
            stack.as("asker").post("/api/communities/" + community + "/members").then().statusCode(200);
            stack.as("follower").post("/api/communities/" + community + "/members").then().statusCode(200);
            stack.as("follower").body("{\"newRequestCommunities\":[\"" + community + "\"]}")
                    .put("/api/notifications/preferences").then().statusCode(200);

            Map<String, Long> onTopic = new ConcurrentHashMap<>();
            AtomicBoolean reading = new AtomicBoolean(true);
            Thread topicReader = topicReader(stack, onTopic, reading);
            try (SseClient stream = SseClient.connect(stack.gateway + "/api/notifications/stream",
                    Map.of("Authorization", "Bearer " + stack.token("follower")))) {
                stream.next("unread-count", Duration.ofSeconds(30));
                // warm-up: until the projections know the members and the follower hears of a request
                await().atMost(Duration.ofSeconds(60)).until(() -> ask(stack, community, stream) != null);
                for (int i = 0; i < 30; i++) {
                    ask(stack, community, stream);
                }
                onTopic.clear();
                List<long[]> latencies = measure(stack, community, stream, onTopic, REQUESTS);
                Stats sse = Stats.of(latencies.stream().map(l -> l[0]).toList());
                Stats kafka = Stats.of(latencies.stream().filter(l -> l[1] >= 0).map(l -> l[1]).toList());

                // --- 5,000 idle streams on the service itself
                long pid = ServiceProcess.pidOf("notifications-service");
                String api = "http://localhost:" + stack.port("notifications-service");
                String token = stack.token("reader");
                Stats readBefore = paced(api + "/api/notifications/unread-count", token, 100, 500);
                gc(pid);
                long rssBefore = ServiceProcess.rssKb(pid);
                Map<String, long[]> heapBefore = histogram(pid);
                boolean nativeTracked = nativeMemoryBaseline(pid);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < IDLE; i++) {
                    tokens.add(stack.token("idle-" + i));
                }
                long opening = System.nanoTime();
                List<CompletableFuture<HttpResponse<Stream<String>>>> idle = new ArrayList<>();
                for (String idleToken : tokens) {
                    idle.add(http.sendAsync(HttpRequest.newBuilder(URI.create(api + "/api/notifications/stream"))
                            .header("Authorization", "Bearer " + idleToken).header("Accept", "text/event-stream")
                            .build(), HttpResponse.BodyHandlers.ofLines()));
                }
                CompletableFuture.allOf(idle.toArray(CompletableFuture[]::new)).join();
                long openMillis = (System.nanoTime() - opening) / 1_000_000;
                long ok = idle.stream().filter(f -> f.join().statusCode() == 200).count();
                Thread.sleep(2000);
                gc(pid);
                long rssWith = ServiceProcess.rssKb(pid);
                Map<String, long[]> heapWith = histogram(pid);
                String nativeGrowth = nativeTracked ? nativeMemoryGrowth(pid) : "";
                Stats readWith = paced(api + "/api/notifications/unread-count", token, 100, 500);
                onTopic.clear();
                Stats pushWith = Stats.of(measure(stack, community, stream, onTopic, 50).stream().map(l -> l[0])
                        .toList());
                idle.forEach(f -> f.join().body().close());
                BareBaseline bare = bareBaseline(stack.settings.serviceJavaOpts(), http);

                System.out.println();
                System.out.println("=== live stream on the full local stack ===");
                System.out.println("POST /api/requests returned -> notification on the follower's SSE stream"
                        + " (gateway), " + sse.count + " requests: " + sse);
                System.out.println("baseline: POST returned -> the event on scaffold.requests.events (plain consumer),"
                        + " same requests: " + kafka);
                System.out.printf("%d idle SSE connections on one instance: %d open with 200 in %d ms;"
                        + " RSS %,d kB -> %,d kB: %.1f kB per connection%n", IDLE, ok, openMillis, rssBefore,
                        rssWith, (double) (rssWith - rssBefore) / IDLE);
                double heapPerConnection = printHeapPerConnection("the service", heapBefore, heapWith);
                System.out.print(nativeGrowth);
                System.out.println("GET unread-count at 100/s, before: " + readBefore);
                System.out.println("GET unread-count at 100/s, with them open: " + readWith);
                System.out.println("push latency with them open, 50 requests: " + pushWith);
                io.scaffold.platform.testing.bench.BenchReport.record("push to its stream with " + IDLE
                        + " idle streams open, p99 (baseline: POST to the event on the topic)", pushWith.p99(), "ms",
                        kafka.p99(), io.scaffold.platform.testing.bench.BenchReport.Target.below(50, "ms"));
                System.out.printf("baseline: a bare Vert.x SSE handler in a JVM with the same options, %d streams: %d open;"
                        + " RSS %,d kB -> %,d kB: %.1f kB per connection%n", IDLE, bare.open, bare.rssBefore,
                        bare.rssWith, bare.perConnection());
                double bareHeapPerConnection = printHeapPerConnection("the bare handler", bare.heapBefore(),
                        bare.heapWith());
                if (heapPerConnection > 0 && bareHeapPerConnection > 0) {
                    io.scaffold.platform.testing.bench.BenchReport.record("live heap per idle SSE connection"
                            + " (baseline: a bare Vert.x SSE handler)", heapPerConnection, "kB", bareHeapPerConnection,
                            io.scaffold.platform.testing.bench.BenchReport.Target.ratioAtMost(2));
                }
                io.scaffold.platform.testing.bench.BenchReport.record("resident memory per idle SSE connection"
                        + " (baseline: a bare Vert.x SSE handler)", (double) (rssWith - rssBefore) / IDLE, "kB",
                        bare.perConnection(), io.scaffold.platform.testing.bench.BenchReport.Target.ratioAtMost(2));
                System.out.println();
            } finally {
                reading.set(false);
                topicReader.join(5000);
            }
        }
    }

    /** Resident memory of the bare SSE server before and with {@link #IDLE} streams open. */
    record BareBaseline(long open, long rssBefore, long rssWith, Map<String, long[]> heapBefore,
            Map<String, long[]> heapWith) {
        double perConnection() {
            return (double) (rssWith - rssBefore) / IDLE;
        }
    }

    /** Runs {@link BareSseServer} in its own JVM, opens as many streams on it as on the service, and measures it. */
    private static BareBaseline bareBaseline(String javaOpts, HttpClient http) throws Exception {
        try (BaselineJvm server = BaselineJvm.start(javaOpts, BareSseServer.class)) {
            String url = "http://127.0.0.1:" + server.port() + "/stream";
            // the same warm-up the service had: a few streams opened and closed before the first reading
            for (int i = 0; i < 20; i++) {
                http.sendAsync(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofLines())
                        .join().body().close();
            }
            long pid = server.pid();
            gc(pid);
            long before = ServiceProcess.rssKb(pid);
            Map<String, long[]> heapBefore = histogram(pid);
            boolean nativeTracked = nativeMemoryBaseline(pid);
            List<CompletableFuture<HttpResponse<Stream<String>>>> streams = new ArrayList<>();
            for (int i = 0; i < IDLE; i++) {
                streams.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer idle-" + i).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofLines()));
            }
            CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).join();
            long open = streams.stream().filter(f -> f.join().statusCode() == 200).count();
            Thread.sleep(2000);
            gc(pid);
            long with = ServiceProcess.rssKb(pid);
            Map<String, long[]> heapWith = histogram(pid);
            System.out.print(nativeTracked ? "the bare handler's " + nativeMemoryGrowth(pid) : "");
            streams.forEach(f -> f.join().body().close());
            return new BareBaseline(open, before, with, heapBefore, heapWith);
        }
    }

    /** Asks once; returns {POST->SSE ms, POST->topic ms (-1 if not seen)} for it, or null if no push came. */
    private static long[] ask(JourneyStack stack, String community, SseClient stream) {
        return askTimed(stack, community, stream, Map.of());
    }

    private static List<long[]> measure(JourneyStack stack, String community, SseClient stream,
            Map<String, Long> onTopic, int count) throws InterruptedException {
        List<long[]> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long[] latency = askTimed(stack, community, stream, onTopic);
            if (latency != null) {
                latencies.add(latency);
            }
            Thread.sleep(20);
        }
        return latencies;
    }

    private static long[] askTimed(JourneyStack stack, String community, SseClient stream,
            Map<String, Long> onTopic) {
        var asked = stack.as("asker").body("{\"title\":\"Lag " + System.nanoTime() + "\",\"body\":\"b\",\"tags\":"
                + "[\"kafka\"],\"urgency\":\"NORMAL\",\"communityId\":\"" + community + "\"}").post("/api/requests");
        long returned = System.nanoTime();
        if (asked.statusCode() != 201) {
            return null;
        }
        String id = asked.path("id");
        SseClient.Event event = stream.next(e -> "notification".equals(e.name()) && e.data().contains(id),
                Duration.ofSeconds(10));
        long arrived = System.nanoTime();
        if (event == null) {
            return null;
        }
        Long topic = onTopic.get(id);
        return new long[] {(arrived - returned) / 1000, topic == null ? -1 : (topic - returned) / 1000};
    }

    private static Thread topicReader(JourneyStack stack, Map<String, Long> seen, AtomicBoolean reading) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + stack.settings.kafkaPort());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
                consumer.subscribe(List.of("scaffold.requests.events"));
                while (reading.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        seen.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
        }, "bench-topic-reader");
        thread.start();
        return thread;
    }

    /** {@code count} GETs at {@code rate} per second, one at a time on schedule; latencies in microseconds. */
    private static Stats paced(String url, String token, int rate, int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .build();
        List<Long> micros = new ArrayList<>();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            micros.add((System.nanoTime() - start) / 1000);
            next += interval;
        }
        return Stats.of(micros);
    }

    /** Class histogram of the live heap (jcmd): class name to {instances, bytes}. */
    private static Map<String, long[]> histogram(long pid) throws Exception {
        Map<String, long[]> classes = new java.util.HashMap<>();
        String output = ServiceProcess.jcmd(pid, "GC.class_histogram");
        for (String line : output.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[0].endsWith(":")) {
                classes.put(columns[3], new long[] {Long.parseLong(columns[1]), Long.parseLong(columns[2])});
            }
        }
        return classes;
    }

    /**
     * Where the live heap per idle connection goes: the classes that grew most, per connection. Returns the live heap
     * per connection in kB (0 without jcmd). Resident memory also holds the room the collector leaves free, which
     * grows with the heap it had to expand, so this is the closer measure of what a connection itself keeps.
     */
    private static double printHeapPerConnection(String what, Map<String, long[]> before, Map<String, long[]> with) {
        if (before.isEmpty() || with.isEmpty()) {
            return 0;
        }
        long[] none = {0, 0};
        List<Map.Entry<String, long[]>> grown = with.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[] {e.getValue()[0] - before.getOrDefault(e.getKey(), none)[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), none)[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).toList();
        long total = grown.stream().mapToLong(e -> e.getValue()[1]).sum();
        System.out.printf("%s: live heap per idle connection %.1f kB; the classes that grew most (bytes and"
                + " instances per connection):%n", what, total / 1024.0 / IDLE);
        grown.stream().limit(25).forEach(e -> System.out.printf("  %8.0f B %6.2f  %s%n",
                (double) e.getValue()[1] / IDLE, (double) e.getValue()[0] / IDLE, e.getKey()));
        return total / 1024.0 / IDLE;
    }

    /**
     * Marks the JVM's native memory as it is now, when the JVM tracks it (started with
     * {@code -XX:NativeMemoryTracking=summary}, for example through {@code SCAFFOLD_SERVICE_JAVA_OPTS}).
     */
    private static boolean nativeMemoryBaseline(long pid) throws Exception {
        String answer = ServiceProcess.jcmd(pid, "VM.native_memory", "baseline");
        return answer.contains("Baseline taken") || answer.contains("Baseline succeeded");
    }

    /**
     * What each of the JVM's memory areas committed since {@link #nativeMemoryBaseline}, per connection: shows where
     * resident memory grew beyond the live heap (the heap the collector expanded, thread stacks, direct buffers, the
     * JIT compiler's arenas).
     */
    private static String nativeMemoryGrowth(long pid) throws Exception {
        StringBuilder growth = new StringBuilder("native memory committed since the streams opened, per connection"
                + " (NMT):\n");
        java.util.regex.Pattern area = java.util.regex.Pattern.compile(
                "^(?:-\\s+(.+?) \\(|(Total): )reserved=\\d+KB[^,]*, committed=(\\d+)KB ([+-]\\d+)KB");
        for (String line : ServiceProcess.jcmd(pid, "VM.native_memory", "summary.diff").split("\n")) {
            java.util.regex.Matcher matcher = area.matcher(line.trim());
            if (matcher.find()) {
                growth.append(String.format("  %8.2f kB  %s (committed now %s kB)%n",
                        Long.parseLong(matcher.group(4)) / (double) IDLE,
                        matcher.group(1) != null ? matcher.group(1) : matcher.group(2), matcher.group(3)));
            }
        }
        return growth.toString();
    }

    /** A full GC in the service, so the two RSS readings compare live memory, not garbage. */
    private static void gc(long pid) throws Exception {
        ServiceProcess.jcmd(pid, "GC.run");
        Thread.sleep(500);
    }

    /** Percentiles of latencies in microseconds. */
    record Stats(int count, double p50, double p99, double max) {
        static Stats of(List<Long> micros) {
            List<Long> sorted = micros.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return new Stats(0, 0, 0, 0);
            }
            return new Stats(sorted.size(), at(sorted, 0.50), at(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e3);
        }

        private static double at(List<Long> sorted, double quantile) {
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1)) / 1e3;
        }

        @Override
        public String toString() {
            return String.format("n=%d p50 %.1f ms, p99 %.1f ms, max %.1f ms", count, p50, p99, max);
        }
    }
}
