package io.scaffold.journeys;

import io.scaffold.platform.testing.bench.BenchReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * How fast each service starts, on the full local stack (run with -Pbench): another instance of each service is
 * started beside the running stack, as a rollout or a scale-up would, and timed from the process's start to its
 * first answered request (the readiness probe, polled every 5 ms); its resident memory is read after one API call.
 * Next to it, the same service started with a class-data-sharing archive written by a training run of its own
 * (JDK 17's dynamic AppCDS: {@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}). The plain and
 * archived starts alternate, {@value #RUNS} each; medians. Figures are printed, never asserted.
 */
class StartupBenchmark {
    static final int RUNS = Integer.getInteger("bench.runs", 3);
    static final Map<String, String> FIRST_CALL = Map.of(
            "communities-service", "/api/communities?limit=1",
            "requests-service", "/api/requests?limit=1",
            "notifications-service", "/api/notifications?limit=1");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void eachServiceStartsAloneBesideTheStack() throws Exception {
        try (JourneyStack stack = JourneyStack.start()) {
            String token = stack.token("startup-reader");
            List<String> lines = new ArrayList<>();
            for (String service : FIRST_CALL.keySet().stream().sorted().toList()) {
                Path archive = Files.createTempDirectory("startup-cds").resolve(service + ".jsa");
                // the training run: the archive is written when the JVM exits
                start(stack, service, token, "-XX:ArchiveClassesAtExit=" + archive);
                List<Start> plain = new ArrayList<>();
                List<Start> archived = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    plain.add(start(stack, service, token, null));
                    archived.add(start(stack, service, token, "-XX:SharedArchiveFile=" + archive));
                }
                Start plainMedian = Start.median(plain);
                Start archivedMedian = Start.median(archived);
                lines.add(String.format(Locale.ROOT, "%-22s first answer %,5d ms (runs %s), RSS after one API call"
                                + " %,d kB; with the AppCDS archive (%,d kB on disk) %,5d ms (runs %s), RSS %,d kB",
                        service, plainMedian.millis, plain.stream().map(s -> Long.toString(s.millis))
                                .collect(Collectors.joining(", ")), plainMedian.rssKb, Files.size(archive) / 1024,
                        archivedMedian.millis, archived.stream().map(s -> Long.toString(s.millis))
                                .collect(Collectors.joining(", ")), archivedMedian.rssKb));
                BenchReport.record(service + ": start to first answer, with an AppCDS archive (baseline: without)",
                        archivedMedian.millis, "ms", plainMedian.millis, BenchReport.Target.below(1500, "ms"));
                BenchReport.record(service + ": resident memory after the first API call", plainMedian.rssKb / 1024.0,
                        "MB", Double.NaN, null);
            }
            System.out.println();
            System.out.println("=== startup: one more instance of each service beside the running stack (medians of "
                    + RUNS + ", JVM options " + stack.settings.serviceJavaOpts().trim() + ") ===");
            lines.forEach(System.out::println);
            System.out.println();
        }
    }

    record Start(long millis, long rssKb) {
        static Start median(List<Start> starts) {
            long[] millis = starts.stream().mapToLong(Start::millis).sorted().toArray();
            long[] rss = starts.stream().mapToLong(Start::rssKb).sorted().toArray();
            return new Start(millis[millis.length / 2], rss[rss.length / 2]);
        }
    }

    /** Starts one instance, times it to its first answer, calls the API once, reads its RSS, stops it. */
    private Start start(JourneyStack stack, String service, String token, String javaOptions) throws Exception {
        int port = JourneyStack.freePort();
        Set<Long> before = ServiceProcess.pidsOf(service);
        AtomicLong answered = new AtomicLong();
        long started = System.nanoTime();
        Thread probe = new Thread(() -> {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            while (answered.get() == 0 && System.nanoTime() - started < Duration.ofMinutes(3).toNanos()) {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        answered.set(System.nanoTime());
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "startup-probe");
        probe.start();
        Map<String, String> env = javaOptions == null ? Map.of() : Map.of("JDK_JAVA_OPTIONS", javaOptions);
        try (AutoCloseable instance = stack.stack.startReplica(service, port, env)) {
            probe.join(Duration.ofMinutes(3).toMillis());
            HttpResponse<String> call = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + FIRST_CALL.get(service))).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (call.statusCode() != 200) {
                throw new IllegalStateException(service + " answered " + call.statusCode() + ": " + call.body());
            }
            long pid = ServiceProcess.pidsOf(service).stream().filter(p -> !before.contains(p)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the new " + service + " process was not found"));
            return new Start((answered.get() - started) / 1_000_000, ServiceProcess.rssKb(pid));
        }
    }
}
