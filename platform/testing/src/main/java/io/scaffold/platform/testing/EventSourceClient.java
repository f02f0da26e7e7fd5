package io.scaffold.platform.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Behaves as a browser's {@code EventSource}: one URL for its whole life; keeps the last event id it saw; when the
 * connection ends, waits the stream's {@code retry} delay and reconnects to the same URL with {@code Last-Event-ID};
 * an answer that is not a 200 event stream closes it for good (readyState CLOSED), with no further attempt. The page
 * does nothing in between: what it receives is what a browser page would.
 */
public final class EventSourceClient implements AutoCloseable {
    public enum ReadyState { CONNECTING, OPEN, CLOSED }

    private final String url;
    private final Map<String, String> headers;
    private final BlockingQueue<SseClient.Event> events = new LinkedBlockingQueue<>();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final Thread loop;
    private volatile String lastEventId = "";
    private volatile long retryMillis = 3000;
    private volatile SseClient connection;
    private volatile ReadyState state = ReadyState.CONNECTING;
    private volatile boolean closing;

    private EventSourceClient(String url, Map<String, String> headers) {
        this.url = url;
        this.headers = headers;
        this.loop = new Thread(this::run, "event-source");
        this.loop.setDaemon(true);
    }

    /** {@code new EventSource(url)}; {@code headers} only for what a browser adds itself (none, usually). */
    public static EventSourceClient open(String url, Map<String, String> headers) {
        EventSourceClient client = new EventSourceClient(url, Map.copyOf(headers));
        client.loop.start();
        return client;
    }

    private void run() {
        while (!closing) {
            Map<String, String> request = new HashMap<>(headers);
            if (!lastEventId.isEmpty()) {
                request.put("Last-Event-ID", lastEventId);
            }
            SseClient current;
            try {
                current = SseClient.connect(url, request, event -> {
                    if (event.id() != null) {
                        lastEventId = event.id();
                    }
                    events.add(event);
                });
            } catch (IllegalStateException unreachable) {
                pause();
                continue; // a network error: EventSource tries again
            }
            statuses.add(current.status());
            String type = current.header("Content-Type");
            if (current.status() != 200 || type == null || !type.startsWith("text/event-stream")) {
                state = ReadyState.CLOSED; // "fail the connection": no more attempts
                current.close();
                return;
            }
            connection = current;
            state = ReadyState.OPEN;
            current.ended().exceptionally(failure -> null).join();
            state = closing ? ReadyState.CLOSED : ReadyState.CONNECTING;
            if (current.retryMillis() != null) {
                retryMillis = current.retryMillis();
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    /** The connection drops (as on a network failure); the client reconnects by itself. */
    public void dropConnection() {
        SseClient current = connection;
        if (current != null) {
            current.close();
        }
    }

    public ReadyState readyState() {
        return state;
    }

    public String lastEventId() {
        return lastEventId;
    }

    /** The status of every connection attempt, in order. */
    public List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    /** The next event matching {@code wanted} within {@code timeout} (others before it are skipped), or null. */
    public SseClient.Event next(Predicate<SseClient.Event> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                SseClient.Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
                if (event == null || wanted.test(event)) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public SseClient.Event next(String name, Duration timeout) {
        return next(event -> name.equals(event.name()), timeout);
    }

    @Override
    public void close() {
        closing = true;
        loop.interrupt();
        SseClient current = connection;
        if (current != null) {
            current.close();
        }
        state = ReadyState.CLOSED;
    }
}
