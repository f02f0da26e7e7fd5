package io.scaffold.notifications.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scaffold.notifications.config.WebhooksConfig;
import io.scaffold.notifications.domain.WebhookDelivery;
import io.scaffold.notifications.domain.WebhookEndpoint;
import io.scaffold.notifications.domain.WebhookSignature;
import io.scaffold.notifications.repository.WebhookDeliveryRepository;
import io.scaffold.notifications.repository.WebhookEndpointRepository;
import io.scaffold.platform.outbox.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due webhook deliveries from one thread that never waits for a receiver: requests go out on Vert.x's
 * non-blocking client (at most {@code max-in-flight} at once, {@code max-in-flight-per-endpoint} to any one
 * endpoint, so a slow or dead receiver holds a few slots and delays no one else), and their outcomes come back
 * through a queue that the thread records in the database between claims. Each claimed delivery is leased for
 * longer than an attempt can take, so a replica that dies mid-attempt leaves it to be tried again.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookDeliveryRepository deliveries;
    private final WebhookEndpointRepository endpoints;
    private final WebhookEndpoints endpointService;
    private final WebhookDestinations destinations;
    private final WebhookSecrets secrets;
    private final WebhookDispatchSignal signal;
    private final WebhooksConfig config;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final Backoff backoff;
    private final Duration lease;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<UUID, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;
    private HttpClient http;

    public WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookEndpointRepository endpoints,
            WebhookEndpoints endpointService, WebhookDestinations destinations, WebhookSecrets secrets,
            WebhookDispatchSignal signal, WebhooksConfig config, Vertx vertx, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.endpointService = endpointService;
        this.destinations = destinations;
        this.secrets = secrets;
        this.signal = signal;
        this.config = config;
        this.vertx = vertx;
        this.meters = meters;
        // Served from the start (at zero), so dashboards and alerts see them before the first delivery.
        for (String outcome : List.of("delivered", "http_error", "no_response", "refused")) {
            meters.counter("scaffold.webhooks.attempts", "outcome", outcome);
        }
        meters.counter("scaffold.webhooks.failed");
        latency();
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.lease = config.connectTimeout().plus(config.readTimeout()).plusSeconds(30);
    }

    /** What one attempt came to. */
    record Outcome(WebhookDeliveryRepository.Claimed delivery, Instant at, Integer statusCode, Integer latencyMs,
            String error) {
        boolean delivered() {
            return error == null && statusCode != null && statusCode / 100 == 2;
        }
    }

    void start(@Observes StartupEvent startup) {
        if (!config.dispatcherEnabled()) {
            LOG.info("webhook dispatcher disabled on this instance");
            return;
        }
        http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.maxInFlightPerEndpoint()).setKeepAlive(true)
                .setForceSni(true).setVerifyHost(true));
        running = true;
        thread = new Thread(this::run, "scaffold-webhook-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            signal.wake();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            http.close();
        }
    }

    private void run() {
        while (running) {
            boolean more = false;
            try {
                record();
                more = dispatch();
            } catch (RuntimeException e) {
                LOG.warnf("webhook dispatch pass failed (%s); next try in %d ms", e.getMessage(),
                        config.pollInterval().toMillis());
            }
            if (!more) {
                try {
                    signal.await(config.pollInterval());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Claims what is due for the free slots and sends it; true when more may be waiting. */
    private boolean dispatch() {
        int free = config.maxInFlight() - inFlight.get();
        if (free <= 0) {
            return false;
        }
        List<UUID> busy = inFlightByEndpoint.entrySet().stream()
                .filter(e -> e.getValue().get() >= config.maxInFlightPerEndpoint()).map(Map.Entry::getKey).toList();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<WebhookDeliveryRepository.Claimed> claimed = QuarkusTransaction.requiringNew()
                .call(() -> deliveries.claim(free, config.maxInFlightPerEndpoint(), busy, lease, now));
        Map<UUID, WebhookEndpoint> byId = new HashMap<>();
        List<UUID> deferred = new ArrayList<>();
        for (WebhookDeliveryRepository.Claimed delivery : claimed) {
            AtomicInteger endpointInFlight = inFlightByEndpoint.computeIfAbsent(delivery.endpointId(),
                    id -> new AtomicInteger());
            if (endpointInFlight.get() >= config.maxInFlightPerEndpoint()) {
                deferred.add(delivery.id());
                continue;
            }
            WebhookEndpoint endpoint = byId.computeIfAbsent(delivery.endpointId(),
                    id -> QuarkusTransaction.requiringNew().call(() -> endpoints.find(id).orElse(null)));
            if (endpoint == null) {
                continue; // deleted meanwhile: its deliveries went with it
            }
            endpointInFlight.incrementAndGet();
            inFlight.incrementAndGet();
            try {
                send(endpoint, delivery);
            } catch (RuntimeException e) {
                finish(new Outcome(delivery, Instant.now(), null, null, "not sent: " + e.getMessage()));
            }
        }
        if (!deferred.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> deliveries.release(deferred, now));
        }
        // A full claim means more may be due; deferred ones wait for a slot to come back (which wakes the thread).
        return claimed.size() == free && deferred.isEmpty();
    }

    private void send(WebhookEndpoint endpoint, WebhookDeliveryRepository.Claimed delivery) {
        long started = System.nanoTime();
        WebhookDestinations.Destination destination;
        try {
            destination = destinations.check(endpoint.url()); // again at each delivery: DNS may have changed
        } catch (WebhookDestinations.RefusedDestination refused) {
            finish(new Outcome(delivery, Instant.now(), null, null, "refused: the URL " + refused.getMessage()));
            return;
        }
        long timestamp = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign(signingSecrets(endpoint), delivery.eventId(), timestamp,
                delivery.payload());
        String path = destination.uri().getRawPath() == null || destination.uri().getRawPath().isEmpty() ? "/"
                : destination.uri().getRawPath();
        if (destination.uri().getRawQuery() != null) {
            path += "?" + destination.uri().getRawQuery();
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                // connect to the address just checked, whatever the name resolves to a moment later
                .setServer(SocketAddress.inetSocketAddress(destination.port(),
                        destination.address().getHostAddress()))
                .setHost(destination.host()).setPort(destination.port()).setSsl(destination.tls()).setURI(path)
                .setIdleTimeout(config.readTimeout().toMillis())
                .putHeader("content-type", "application/cloudevents+json; charset=utf-8")
                .putHeader("user-agent", "Scaffold-Webhooks/1")
                .putHeader("webhook-id", delivery.eventId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        Future<Integer> attempt = http.request(options)
                .compose(request -> request.send(Buffer.buffer(delivery.payload(), "UTF-8")))
                .compose(response -> {
                    Promise<Integer> read = Promise.promise();
                    Buffer start = Buffer.buffer();
                    try {
                        response.handler(chunk -> {
                            int room = config.maxResponseBytes() - start.length();
                            if (room > 0) {
                                start.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
                            }
                            if (chunk.length() > room) {
                                // never read a body beyond the limit: the rest is dropped with the connection
                                read.tryComplete(response.statusCode());
                                response.request().reset();
                            }
                        });
                        response.endHandler(v -> read.tryComplete(response.statusCode()));
                        response.exceptionHandler(e -> read.tryComplete(response.statusCode()));
                    } catch (IllegalStateException ended) {
                        // the answer (headers and an empty body) ended before these handlers were set: its
                        // status is all there is to read
                        read.tryComplete(response.statusCode());
                    }
                    return read.future().map(code -> {
                        if (code / 100 != 2 && start.length() > 0) {
                            throw new ReceiverAnswered(code, start.toString(StandardCharsets.UTF_8));
                        }
                        return code;
                    });
                });
        attempt.onComplete(result -> {
            int latency = (int) ((System.nanoTime() - started) / 1_000_000);
            if (result.succeeded()) {
                int code = result.result();
                finish(new Outcome(delivery, Instant.now(), code, latency, code / 100 == 2 ? null
                        : "the receiver answered " + code));
            } else if (result.cause() instanceof ReceiverAnswered answered) {
                finish(new Outcome(delivery, Instant.now(), answered.code, latency,
                        "the receiver answered " + answered.code + ": " + answered.body));
            } else {
                finish(new Outcome(delivery, Instant.now(), null, latency, describe(result.cause())));
            }
        });
    }

    /** The current secret, and the replaced one while its overlap lasts. */
    private List<String> signingSecrets(WebhookEndpoint endpoint) {
        List<String> signing = new ArrayList<>(2);
        signing.add(secrets.open(endpoint.secret(), endpoint.id()));
        if (endpoint.previousSecret() != null && endpoint.previousSecretUntil() != null
                && endpoint.previousSecretUntil().isAfter(Instant.now())) {
            signing.add(secrets.open(endpoint.previousSecret(), endpoint.id()));
        }
        return signing;
    }

    private void finish(Outcome outcome) {
        inFlight.decrementAndGet();
        inFlightByEndpoint.get(outcome.delivery().endpointId()).decrementAndGet();
        outcomes.add(outcome);
        signal.wake();
    }

    /** Records the outcomes that came back: delivered, due again after a backoff, or failed for good. */
    private void record() {
        List<Outcome> batch = new ArrayList<>();
        for (Outcome o = outcomes.poll(); o != null; o = outcomes.poll()) {
            batch.add(o);
        }
        if (batch.isEmpty()) {
            return;
        }
        batch.forEach(this::measure);
        QuarkusTransaction.requiringNew().run(() -> {
            for (Outcome outcome : batch) {
                WebhookDeliveryRepository.Claimed d = outcome.delivery();
                if (outcome.delivered()) {
                    deliveries.recordAttempt(d.id(), WebhookDelivery.Status.DELIVERED, outcome.at(), null,
                            outcome.statusCode(), outcome.latencyMs(), null);
                } else if (!outcome.at().isBefore(d.windowStart().plus(config.retryFor()))) {
                    if (deliveries.recordAttempt(d.id(), WebhookDelivery.Status.FAILED, outcome.at(), null,
                            outcome.statusCode(), outcome.latencyMs(), outcome.error())) {
                        meters.counter("scaffold.webhooks.failed").increment();
                        endpointService.disableForFailures(d.endpointId(), outcome.error());
                    }
                } else {
                    deliveries.recordAttempt(d.id(), WebhookDelivery.Status.PENDING, outcome.at(),
                            outcome.at().plus(withJitter(backoff.afterFailures(d.attempts() + 1))),
                            outcome.statusCode(), outcome.latencyMs(), outcome.error());
                }
            }
        });
    }

    /** Attempts by outcome and their latency, for dashboards and the webhook alerts. */
    private void measure(Outcome outcome) {
        String result = outcome.delivered() ? "delivered" : outcome.statusCode() != null ? "http_error"
                : outcome.error() != null && outcome.error().startsWith("refused") ? "refused" : "no_response";
        meters.counter("scaffold.webhooks.attempts", "outcome", result).increment();
        if (outcome.latencyMs() != null) {
            latency().record(Duration.ofMillis(outcome.latencyMs()));
        }
    }

    private Timer latency() {
        return Timer.builder("scaffold.webhooks.attempt.latency").description("From sending to the receiver's answer")
                .publishPercentileHistogram().register(meters);
    }

    /** Between half and all of the backoff, so receivers coming back are not hit by every retry at once. */
    static Duration withJitter(Duration backoff) {
        long half = backoff.toMillis() / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return (failure instanceof java.util.concurrent.TimeoutException
                || message.toLowerCase(java.util.Locale.ROOT).contains("timeout") ? "timed out: " : "no response: ")
                + message;
    }

    /** A non-2xx answer with a body: its start goes to the delivery log. */
    private static final class ReceiverAnswered extends RuntimeException {
        final int code;
        final String body;

        ReceiverAnswered(int code, String body) {
            super(null, null, false, false);
            this.code = code;
            this.body = body;
        }
    }
}
