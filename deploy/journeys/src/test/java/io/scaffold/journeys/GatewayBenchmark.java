package io.scaffold.journeys;

import io.scaffold.platform.testing.bench.BenchReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * What the gateway costs, measured from outside with {@code wrk} on the full local stack (run with -Pbench; the
 * services are separate processes): {@code GET /api/communities/{id}} through the gateway against the same call made
 * to communities-service directly and through nginx (a reference proxy, when installed), interleaved round after round
 * so that the machine's drift hits all of them; medians over the rounds.
 * <ul>
 *   <li>throughput: {@value #CONNECTIONS} keep-alive connections as fast as they go, with the CPU time per request of
 *       the service and of the proxy's process;</li>
 *   <li>latency added: one connection, one request at a time (no queueing), the difference of the p50s.</li>
 * </ul>
 * Figures are printed, never asserted. Needs {@code wrk} on the PATH ({@code deploy/bench/run} installs it and nginx).
 */
class GatewayBenchmark {
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    static final int WARM_UP_SECONDS = Integer.getInteger("bench.warmup", 40);
    static final int CONNECTIONS = 16;
    static final int COMMUNITIES = 50;

    private long servicePid;

    @Test
    void gatewayAgainstDirectCalls() throws Exception {
        String wrk = findWrk();
        try (JourneyStack stack = JourneyStack.start()) {
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < COMMUNITIES; i++) {
                paths.add("/api/communities/" + stack.as("bench-owner").body("{\"name\":\"Gateway bench " + i + " "
                        + System.nanoTime() + "\",\"description\":\"Read through the gateway\",\"visibility\":"
                        + "\"PUBLIC\",\"tags\":[\"gateway\"]}").post("/api/communities").then().statusCode(201)
                        .extract().path("id"));
            }
            Path script = script(paths, stack.token("bench-reader"));
            int servicePort = stack.port("communities-service");
            servicePid = ServiceProcess.pidOf("communities-service");
            List<Way> ways = new ArrayList<>();
            ways.add(new Way("direct", "http://localhost:" + servicePort, -1));
            ways.add(new Way("gateway", stack.gateway, ProcessHandle.current().pid()));
            try (ReferenceProxy nginx = ReferenceProxy.startIfInstalled(servicePort)) {
                if (nginx != null) {
                    ways.add(new Way("nginx", "http://localhost:" + nginx.port, nginx.process.pid()));
                } else {
                    System.out.println("nginx is not installed: the reference proxy is left out of this run");
                }
                measure(wrk, script, ways);
            }
        }
    }

    /** One way to reach the service; {@code proxyPid} the process in between (its CPU is measured), or -1. */
    record Way(String name, String base, long proxyPid) {
    }

    private void measure(String wrk, Path script, List<Way> ways) throws Exception {
        // warm-up: every path compiled and its connection pools open; a slow first request may time out here
        for (Way way : ways) {
            wrk(wrk, script, way.base, CONNECTIONS, WARM_UP_SECONDS);
        }
        java.util.Map<String, List<Wrk>> load = new java.util.LinkedHashMap<>();
        java.util.Map<String, List<Wrk>> one = new java.util.LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Way way : ways) {
                load.computeIfAbsent(way.name, k -> new ArrayList<>()).add(run(wrk, script, way, CONNECTIONS));
            }
            for (Way way : ways) {
                one.computeIfAbsent(way.name, k -> new ArrayList<>()).add(run(wrk, script, way, 1));
            }
        }

        System.out.println();
        System.out.println("=== gateway cost: wrk on GET /api/communities/{id}, " + ROUNDS + " interleaved rounds of "
                + SECONDS + " s, full local stack ===");
        List<Wrk> direct = load.get("direct");
        for (int round = 0; round < ROUNDS; round++) {
            for (Way way : ways) {
                Wrk run = load.get(way.name).get(round);
                Wrk single = one.get(way.name).get(round);
                System.out.printf(Locale.ROOT, "round %d %-8s %d connections: %,7.0f req/s (%5.1f %% of direct),"
                                + " CPU per request: service %.3f ms, proxy %s; one connection: p50 %.3f ms (+%.3f),"
                                + " p99 %.3f ms%n", round + 1, way.name, CONNECTIONS, run.requestsPerSecond,
                        100 * run.requestsPerSecond / direct.get(round).requestsPerSecond, run.serviceCpu,
                        way.proxyPid < 0 ? "-" : String.format(Locale.ROOT, "%.3f ms", run.proxyCpu), single.p50,
                        single.p50 - one.get("direct").get(round).p50, single.p99);
            }
        }
        double directRate = medianRate(direct);
        System.out.println("all rounds (medians):");
        for (Way way : ways) {
            double rate = medianRate(load.get(way.name));
            double added = medianP50(one.get(way.name)) - medianP50(one.get("direct"));
            System.out.printf(Locale.ROOT, "  %-8s %,7.0f req/s: %5.1f %% of direct; median p50 added %.3f ms;"
                    + " proxy CPU per request %.3f ms%n", way.name, rate, 100 * rate / directRate, added,
                    median(load.get(way.name).stream().mapToDouble(Wrk::proxyCpu).toArray()));
        }
        System.out.println();
        BenchReport.record("GET /api/communities/{id} through the gateway, throughput with wrk (baseline: the"
                + " service called directly)", medianRate(load.get("gateway")), "req/s", directRate,
                BenchReport.Target.ratioAtLeast(0.9));
        BenchReport.record("latency the gateway adds at p50, one connection (wrk)",
                medianP50(one.get("gateway")) - medianP50(one.get("direct")), "ms", Double.NaN,
                BenchReport.Target.below(0.3, "ms"));
        if (load.containsKey("nginx")) {
            BenchReport.record("the same through nginx, a reference proxy (baseline: direct)",
                    medianRate(load.get("nginx")), "req/s", directRate, null);
        }
    }

    /** The median round: one round with the JIT or a neighbour at work moves a mean, not a median. */
    private static double medianRate(List<Wrk> runs) {
        return median(runs.stream().mapToDouble(Wrk::requestsPerSecond).toArray());
    }

    private static double medianP50(List<Wrk> runs) {
        return median(runs.stream().mapToDouble(Wrk::p50).toArray());
    }

    /**
     * nginx in front of the service, as a best-in-class proxy measured in the same run: what any proxy costs on this
     * machine (one more hop, two more socket reads and writes per request), apart from how well the gateway does it.
     */
    static final class ReferenceProxy implements AutoCloseable {
        final Process process;
        final int port;

        private ReferenceProxy(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static ReferenceProxy startIfInstalled(int servicePort) throws Exception {
            String nginx = onPath("nginx");
            if (nginx == null) {
                return null;
            }
            Path dir = Files.createTempDirectory("bench-nginx");
            int port = JourneyStack.freePort();
            Files.writeString(dir.resolve("nginx.conf"), """
                    worker_processes 1;
                    daemon off;
                    master_process off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log;
                    events { worker_connections 1024; }
                    http {
                      access_log off;
                      client_body_temp_path %1$s/body;
                      proxy_temp_path %1$s/proxy;
                      upstream service { server 127.0.0.1:%2$d; keepalive 64; }
                      server {
                        listen 127.0.0.1:%3$d;
                        location / {
                          proxy_pass http://service;
                          proxy_http_version 1.1;
                          proxy_set_header Connection "";
                        }
                      }
                    }
                    """.formatted(dir, servicePort, port));
            Process process = new ProcessBuilder(nginx, "-p", dir.toString(), "-c", dir.resolve("nginx.conf")
                    .toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> listening(port) || !process.isAlive());
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("out.log")));
            }
            return new ReferenceProxy(process, port);
        }

        private static boolean listening(int port) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * One wrk run: its throughput, from {@code --latency} p50 and p99 in milliseconds, and the CPU time per request of
     * the proxy's process (NaN when none) and of the service's (ms).
     */
    record Wrk(double requestsPerSecond, double p50, double p99, long requests, double proxyCpu, double serviceCpu) {
        private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
        private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
        private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: .*");

        static Wrk parse(String output) {
            Matcher errors = ERRORS.matcher(output);
            if (errors.find()) {
                throw new IllegalStateException("wrk saw failed requests:\n" + output);
            }
            Matcher rate = RATE.matcher(output);
            if (!rate.find()) {
                throw new IllegalStateException("wrk printed no rate:\n" + output);
            }
            Matcher requests = REQUESTS.matcher(output);
            return new Wrk(Double.parseDouble(rate.group(1)), percentile(output, "50"), percentile(output, "99"),
                    requests.find() ? Long.parseLong(requests.group(1)) : 0, Double.NaN, Double.NaN);
        }

        Wrk withCpu(double proxyMillis, double serviceMillis) {
            return new Wrk(requestsPerSecond, p50, p99, requests, proxyMillis / requests, serviceMillis / requests);
        }

        private static double percentile(String output, String which) {
            Matcher line = Pattern.compile("\\s" + which + "%\\s+([0-9.]+)(us|ms|s)\\b").matcher(output);
            if (!line.find()) {
                throw new IllegalStateException("wrk printed no " + which + "th percentile:\n" + output);
            }
            double value = Double.parseDouble(line.group(1));
            return switch (line.group(2)) {
                case "us" -> value / 1000;
                case "ms" -> value;
                default -> value * 1000;
            };
        }
    }

    private Wrk run(String wrk, Path script, Way way, int connections) throws Exception {
        double proxyBefore = way.proxyPid < 0 ? Double.NaN : ServiceProcess.cpuMillis(way.proxyPid);
        double serviceBefore = ServiceProcess.cpuMillis(servicePid);
        Wrk run = Wrk.parse(wrk(wrk, script, way.base, connections, SECONDS));
        return run.withCpu(way.proxyPid < 0 ? Double.NaN : ServiceProcess.cpuMillis(way.proxyPid) - proxyBefore,
                ServiceProcess.cpuMillis(servicePid) - serviceBefore);
    }

    private static String wrk(String wrk, Path script, String base, int connections, int seconds) throws Exception {
        Process process = new ProcessBuilder(wrk, "-t1", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-s", script.toString(), base).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return output;
    }

    /** A wrk script that reads the communities in turn with the reader's token. */
    private static Path script(List<String> paths, String token) throws IOException {
        Path script = Files.createTempFile("gateway-bench", ".lua");
        Files.writeString(script, """
                local paths = {%s}
                local i = 0
                wrk.headers["Authorization"] = "Bearer %s"
                request = function()
                  i = i %% #paths + 1
                  return wrk.format("GET", paths[i])
                end
                """.formatted(String.join(",", paths.stream().map(p -> "\"" + p + "\"").toList()), token));
        script.toFile().deleteOnExit();
        return script;
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin"}) { // nginx installs here, often off a user's PATH
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static String findWrk() {
        String wrk = onPath("wrk");
        if (wrk != null) {
            return wrk;
        }
        throw new IllegalStateException("wrk is not on the PATH: install it (apt-get install wrk; deploy/bench/run"
                + " does so when run as root)");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
