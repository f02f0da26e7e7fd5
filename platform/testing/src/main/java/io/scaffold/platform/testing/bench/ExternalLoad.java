package io.scaffold.platform.testing.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Paced load from a Node.js process of its own ({@code paced-load.mjs}), as clients are in production: the service's
 * JVM carries none of the generator's threads, allocation or garbage collection, which on a 2-core machine otherwise
 * weigh on the tail being measured. Needs {@code node} on the PATH.
 */
public final class ExternalLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExternalLoad() {
    }

    /** GETs of {@code urls} in turn at {@code rate} per second, first unmeasured for {@code warmUp}. */
    public static LoadGenerator.Result paced(String name, double rate, Duration warmUp, Duration duration,
            String bearer, List<String> urls) throws Exception {
        Path script = Files.createTempFile("paced-load", ".mjs");
        try (InputStream source = ExternalLoad.class.getResourceAsStream("paced-load.mjs")) {
            Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            if (!warmUp.isZero()) {
                run(script, rate, warmUp, bearer, urls);
            }
            CpuMeter cpu = new CpuMeter();
            long start = System.nanoTime();
            JsonNode result = run(script, rate, duration, bearer, urls);
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram histogram = new Histogram(3);
            result.get("micros").forEach(m -> histogram.recordValue(m.asLong()));
            long count = histogram.getTotalCount();
            return new LoadGenerator.Result(name, count / seconds, count, result.get("errors").asLong(), histogram,
                    perRequest(cpu.machineNanos(), count), perRequest(cpu.jvmNanos(), count));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static JsonNode run(Path script, double rate, Duration duration, String bearer, List<String> urls)
            throws IOException, InterruptedException {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("rate", rate);
        plan.put("seconds", duration.toMillis() / 1000.0);
        plan.put("headers", bearer == null ? Map.of() : Map.of("Authorization", bearer));
        plan.put("urls", urls);
        Path planFile = Files.createTempFile("paced-load", ".json");
        try {
            JSON.writeValue(planFile.toFile(), plan);
            Process node = new ProcessBuilder("node", script.toString(), planFile.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!node.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || node.exitValue() != 0) {
                node.destroyForcibly();
                throw new IllegalStateException("the external load generator failed: " + output);
            }
            return JSON.readTree(output);
        } finally {
            Files.deleteIfExists(planFile);
        }
    }

    private static double perRequest(long nanos, long requests) {
        return nanos < 0 || requests == 0 ? Double.NaN : nanos / 1e6 / requests;
    }
}
