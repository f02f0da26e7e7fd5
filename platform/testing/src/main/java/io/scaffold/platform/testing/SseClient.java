package io.scaffold.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client for tests: connects, parses the stream into events (comments included, as events
 * named {@code :comment}) and lets a test wait for the next one it cares about.
 */
public final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One event as the stream sent it; {@code id} is null when the event had none. */
    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final java.util.Set<String> fields = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final HttpResponse<Stream<String>> response;
    private final java.util.function.Consumer<Event> listener;
    private final CompletableFuture<Void> reader;
    private volatile Long retryMillis;

    private SseClient(HttpResponse<Stream<String>> response, java.util.function.Consumer<Event> listener) {
        this.response = response;
        this.listener = listener;
        this.reader = CompletableFuture.runAsync(this::read);
    }

    /** Opens the stream; returns once the response head arrived (check {@link #status()}). */
    public static SseClient connect(String url, Map<String, String> headers) {
        return connect(url, headers, event -> { });
    }

    /** As {@link #connect(String, Map)}, also handing each event to {@code listener} as it arrives. */
    public static SseClient connect(String url, Map<String, String> headers,
            java.util.function.Consumer<Event> listener) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .GET();
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()), listener);
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Completes when the server or {@link #close()} ended the stream. */
    public CompletableFuture<Void> ended() {
        return reader;
    }

    /** The reconnect delay the stream asked for ({@code retry} field), or null. */
    public Long retryMillis() {
        return retryMillis;
    }

    /** Every field name the stream used (id, event, data, retry, ...): SSE knows no others. */
    public java.util.Set<String> fieldNames() {
        return java.util.Set.copyOf(fields);
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next event matching {@code wanted} within {@code timeout} (others before it are skipped), or null. */
    public Event next(Predicate<Event> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null || wanted.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next event named {@code name}, or null after {@code timeout}. */
    public Event next(String name, Duration timeout) {
        return next(event -> name.equals(event.name()), timeout);
    }

    /** Every event received so far and not yet taken. */
    public List<Event> drain() {
        List<Event> taken = new ArrayList<>();
        events.drainTo(taken);
        return taken;
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (name != null || data.length() > 0) {
                        Event event = new Event(id, name == null ? "message" : name, data.toString());
                        listener.accept(event);
                        events.add(event);
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, ":comment", line.substring(1).strip()));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    fields.add(field);
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
                        case "retry" -> retryMillis = value.matches("\\d+") ? Long.valueOf(value) : retryMillis;
                        default -> {
                            // unknown fields are ignored, as browsers do
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // the connection was closed
        }
    }

    @Override
    public void close() {
        reader.cancel(true);
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
