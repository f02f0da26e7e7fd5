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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * How fast each service starts, on the full local stack (run with -Pbench): another instance of each service is
 * started beside the running stack, as a rollout or a scale-up would, and timed from the process's start to its
 * first answered request (the readiness probe, polled every 5 ms); its resident memory is read after one API call.
 * The services are packaged as Quarkus' aot-jar (every class on the application class path). Three ways to start
 * the same build, alternating, {@value #RUNS_DEFAULT} of each by default ({@code -Dbench.runs=}), medians:
 * <ul>
 *   <li>on the stack's JDK (17 here) with nothing prepared;</li>
 *   <li>on the same JDK with a class-data-sharing archive written by a training run of its own (dynamic AppCDS:
 *   {@code -XX:ArchiveClassesAtExit}, then {@code -XX:SharedArchiveFile}), as the local stack now starts them;</li>
 *   <li>on JDK 25 ({@code -Dbench.jdk25=}, skipped when absent) with an AOT cache from a training run of its own
 *   (JEP 483/514: {@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}): classes loaded and linked ahead.</li>
 * </ul>
 * The baseline is a bare Quarkus REST + ORM + Kafka application ({@code deploy/bench/bare-service}, built with
 * -Pbench): one entity, one endpoint, a producer and a consumer, packaged the same way, started the same three ways
 * on the same database and broker. Figures are printed, never asserted.
 */
class StartupBenchmark {
    static final int RUNS_DEFAULT = 3;
    static final int RUNS = Integer.getInteger("bench.runs", RUNS_DEFAULT);
    static final Path JDK25 = Path.of(System.getProperty("bench.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    static final Path BARE_JAR = Path.of("../bench/bare-service/target/quarkus-app/quarkus-run.jar")
            .toAbsolutePath().normalize();
    static final String BARE = "bare Quarkus REST + ORM + Kafka";
    static final Map<String, String> FIRST_CALL = Map.of(
            "communities-service", "/api/communities?limit=1",
            "requests-service", "/api/requests?limit=1",
            "notifications-service", "/api/notifications?limit=1",
            BARE, "/api/items?limit=1");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** A started instance: closing it stops it (SIGTERM, time to write an archive or cache). */
    record Started(AutoCloseable handle, long pid) {
    }

    interface Starter {
        Started start(int port, Path javaHome, Map<String, String> environment) throws Exception;
    }

    /** The medians of one application's three ways to start. */
    record Figures(Start plain, Start archived, Start cached) {
    }

    @Test
    void eachServiceStartsAloneBesideTheStack() throws Exception {
        try (JourneyStack stack = JourneyStack.start()) {
            String token = stack.token("startup-reader");
            boolean jdk25 = Files.isExecutable(JDK25.resolve("bin/java"));
            List<String> lines = new ArrayList<>();
            Map<String, Figures> figures = new HashMap<>();
            List<String> names = new ArrayList<>(List.of("communities-service", "notifications-service",
                    "requests-service"));
            if (Files.isRegularFile(BARE_JAR)) {
                names.add(0, BARE);
            } else {
                lines.add("(" + BARE_JAR + " is missing: build it with ./mvnw -Pbench -DskipTests package; the bare"
                        + " application's baseline was not measured)");
            }
            for (String name : names) {
                Starter starter = name.equals(BARE) ? bare(stack) : replica(stack, name);
                Figures measured = measure(name, starter, token, jdk25);
                figures.put(name, measured);
                lines.add(line(name, measured));
            }
            Figures bare = figures.get(BARE);
            for (String service : names) {
                if (service.equals(BARE)) {
                    continue;
                }
                Figures measured = figures.get(service);
                BenchReport.record(service + ": start to first answer, JDK " + Runtime.version().feature()
                                + " with an AppCDS archive (baseline: nothing prepared)", measured.archived.millis, "ms", measured.plain.millis,
                        BenchReport.Target.below(1500, "ms"));
                if (measured.cached != null) {
                    BenchReport.record(service + ": start to first answer, JDK 25 with an AOT cache (baseline: the"
                                    + " bare application the same way)", measured.cached.millis, "ms",
                            bare == null ? Double.NaN : bare.cached.millis, BenchReport.Target.below(1500, "ms"));
                }
                BenchReport.record(service + ": resident memory after the first API call, MB (baseline: the bare"
                                + " application)", measured.plain.rssKb / 1024.0, "MB",
                        bare == null ? Double.NaN : bare.plain.rssKb / 1024.0,
                        bare == null ? null : BenchReport.Target.ratioAtMost(1.2));
            }
            if (!jdk25) {
                lines.add("(no JDK 25 at " + JDK25 + ": the AOT cache was not measured; -Dbench.jdk25=<java home>)");
            }
            System.out.println();
            System.out.println("=== startup: one more instance of each service beside the running stack (medians of "
                    + RUNS + ", JVM options " + stack.settings.serviceJavaOpts().trim() + ") ===");
            lines.forEach(System.out::println);
            System.out.println();
        }
    }

    private Figures measure(String name, Starter starter, String token, boolean jdk25) throws Exception {
        Path training = Files.createTempDirectory("startup-training");
        try {
            return measure(name, starter, token, jdk25, training);
        } finally {
            // the archive and the cache: a few hundred MB per application
            try (var files = Files.walk(training)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private Figures measure(String name, Starter starter, String token, boolean jdk25, Path training)
            throws Exception {
        Path stackJava = Path.of(System.getProperty("java.home"));
        Path archive = training.resolve("app.jsa");
        Path aotCache = training.resolve("app.aot");
        // the training runs: the archive and the cache are written when the JVM exits
        start(name, starter, token, stackJava, "-XX:ArchiveClassesAtExit=" + archive);
        if (jdk25) {
            start(name, starter, token, JDK25, "-XX:AOTCacheOutput=" + aotCache);
        }
        for (Path written : jdk25 ? List.of(archive, aotCache) : List.of(archive)) {
            if (!Files.isRegularFile(written)) {
                throw new IllegalStateException(name + ": the training run wrote no " + written);
            }
        }
        List<Start> plain = new ArrayList<>();
        List<Start> archived = new ArrayList<>();
        List<Start> cached = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            plain.add(start(name, starter, token, stackJava, null));
            archived.add(start(name, starter, token, stackJava, "-XX:SharedArchiveFile=" + archive));
            if (jdk25) {
                cached.add(start(name, starter, token, JDK25, "-XX:AOTCache=" + aotCache));
            }
        }
        return new Figures(Start.median(plain, 0), Start.median(archived, Files.size(archive)),
                jdk25 ? Start.median(cached, Files.size(aotCache)) : null);
    }

    private static String line(String name, Figures f) {
        String line = String.format(Locale.ROOT, "%-31s nothing prepared %,5d ms (runs %s), RSS after one API call"
                        + " %,d kB; AppCDS archive (%,d kB) %,5d ms (runs %s), RSS %,d kB", name, f.plain.millis,
                Start.list(f.plain), f.plain.rssKb, f.archived.fileKb, f.archived.millis, Start.list(f.archived),
                f.archived.rssKb);
        if (f.cached != null) {
            line += String.format(Locale.ROOT, "; JDK 25 with an AOT cache (%,d kB) %,5d ms (runs %s), RSS %,d kB",
                    f.cached.fileKb, f.cached.millis, Start.list(f.cached), f.cached.rssKb);
        }
        return line;
    }

    record Start(long millis, long rssKb, long fileKb, List<Long> runs) {
        static Start median(List<Start> starts, long fileBytes) {
            long[] millis = starts.stream().mapToLong(Start::millis).sorted().toArray();
            long[] rss = starts.stream().mapToLong(Start::rssKb).sorted().toArray();
            return new Start(millis[millis.length / 2], rss[rss.length / 2], fileBytes / 1024,
                    starts.stream().map(Start::millis).toList());
        }

        static String list(Start median) {
            return median.runs.stream().map(Object::toString).collect(Collectors.joining(", "));
        }
    }

    /** One more instance of a stack's service, on the stack's database, broker and identity. */
    private static Starter replica(JourneyStack stack, String service) {
        return (port, javaHome, environment) -> {
            Set<Long> before = ServiceProcess.pidsOf(service);
            AutoCloseable handle = stack.stack.startReplica(service, port, environment, javaHome);
            long pid = ServiceProcess.pidsOf(service).stream().filter(p -> !before.contains(p)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the new " + service + " process was not found"));
            return new Started(handle, pid);
        };
    }

    /** The bare application, with the services' JVM options, on requests-service's database and the stack's broker. */
    private static Starter bare(JourneyStack stack) {
        return (port, javaHome, environment) -> {
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin/java").toString());
            command.addAll(List.of(stack.settings.serviceJavaOpts().trim().split("\\s+")));
            command.addAll(List.of("-jar", BARE_JAR.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(stack.settings.stateDir().resolve("logs/bare-service-" + port + ".log").toFile());
            builder.environment().putAll(Map.of(
                    "QUARKUS_HTTP_HOST", "127.0.0.1",
                    "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + stack.settings.embeddedDbPort()
                            + "/requests",
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                    "KAFKA_BOOTSTRAP_SERVERS", stack.settings.kafkaBootstrap()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            return new Started(() -> {
                process.destroy();
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }, process.pid());
        };
    }

    /** Starts one instance, times it to its first answer, calls the API once, reads its RSS, stops it. */
    private Start start(String name, Starter starter, String token, Path javaHome, String javaOptions)
            throws Exception {
        int port = JourneyStack.freePort();
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
        Started instance = starter.start(port, javaHome, env);
        try (AutoCloseable stop = instance.handle) {
            probe.join(Duration.ofMinutes(3).toMillis());
            if (answered.get() == 0) {
                throw new IllegalStateException(name + " was not ready within 3 minutes");
            }
            HttpResponse<String> call = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + FIRST_CALL.get(name))).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (call.statusCode() != 200) {
                throw new IllegalStateException(name + " answered " + call.statusCode() + ": " + call.body());
            }
            return new Start((answered.get() - started) / 1_000_000, ServiceProcess.rssKb(instance.pid), 0,
                    List.of());
        }
    }
}
