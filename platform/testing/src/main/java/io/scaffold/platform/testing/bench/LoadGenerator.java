package io.scaffold.platform.testing.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A small HTTP load generator for the benchmarks, on loopback (any 2xx counts as success): closed loop for throughput
 * (with the CPU time each request cost), paced (open loop) for latency at a rate.
 */
public final class LoadGenerator {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * What one run measured. {@code cpuMillisPerRequest}: busy CPU time of the whole machine per request served (this
     * JVM, the database, the generator itself); {@code jvmCpuMillisPerRequest}: this JVM's share. NaN where the
     * machine's CPU time cannot be read.
     */
    public record Result(String name, double requestsPerSecond, long count, long errors, Histogram latencyMicros,
            double cpuMillisPerRequest, double jvmCpuMillisPerRequest) {
        public double p(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        public String line() {
            String line = String.format("%-44s %9.0f req/s   p50 %7.2f ms   p99 %7.2f ms   n=%d errors=%d", name,
                    requestsPerSecond, p(50), p(99), count, errors);
            return Double.isNaN(cpuMillisPerRequest) ? line : line + String.format(
                    "   cpu/req %.2f ms (JVM %.2f ms)", cpuMillisPerRequest, jvmCpuMillisPerRequest);
        }
    }

    /** As fast as {@code workers} concurrent clients can go, for the duration (after a warm-up). */
    public Result closedLoop(String name, int workers, Duration warmUp, Duration duration,
            Supplier<HttpRequest> requests) throws Exception {
        run(workers, warmUp, requests, new Histogram(3), new AtomicLong(), new AtomicLong());
        Histogram histogram = new Histogram(3);
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CpuMeter cpu = new CpuMeter();
        long start = System.nanoTime();
        run(workers, duration, requests, histogram, count, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, count.get() / seconds, count.get(), errors.get(), histogram,
                perRequest(cpu.machineNanos(), count.get()), perRequest(cpu.jvmNanos(), count.get()));
    }

    /**
     * {@code rate} requests per second spread over {@code workers}; latency counts from the time a request was due,
     * so a slow server is not hidden by the generator waiting for it.
     */
    public Result paced(String name, double rate, int workers, Duration duration, Supplier<HttpRequest> requests)
            throws Exception {
        Histogram histogram = new Histogram(3);
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long intervalNanos = (long) (1e9 * workers / rate);
        CpuMeter cpu = new CpuMeter();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            long offset = ThreadLocalRandom.current().nextLong(intervalNanos);
            futures.add(pool.submit(() -> {
                long due = start + offset;
                while (due < end) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    send(requests.get(), due, histogram, count, errors);
                    due += intervalNanos;
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return new Result(name, count.get() / ((System.nanoTime() - start) / 1e9), count.get(), errors.get(),
                histogram, perRequest(cpu.machineNanos(), count.get()), perRequest(cpu.jvmNanos(), count.get()));
    }

    private static double perRequest(long nanos, long requests) {
        return nanos < 0 || requests == 0 ? Double.NaN : nanos / 1e6 / requests;
    }

    private void run(int workers, Duration duration, Supplier<HttpRequest> requests, Histogram histogram,
            AtomicLong count, AtomicLong errors) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    send(requests.get(), System.nanoTime(), histogram, count, errors);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
    }

    private void send(HttpRequest request, long dueNanos, Histogram histogram, AtomicLong count, AtomicLong errors) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        }
        synchronized (histogram) {
            histogram.recordValue(Math.max(1, (System.nanoTime() - dueNanos) / 1000));
        }
        count.incrementAndGet();
    }

    /** A JSON POST with an optional bearer token. */
    public static HttpRequest post(String url, String bearer, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            builder.header("Authorization", bearer);
        }
        return builder.build();
    }

    public static HttpRequest get(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            builder.header("Authorization", bearer);
        }
        return builder.build();
    }
}
