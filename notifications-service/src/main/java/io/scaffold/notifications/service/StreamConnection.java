package io.scaffold.notifications.service;

import io.scaffold.notifications.rest.dto.NotificationView;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.function.Function;

/**
 * One open live stream of one person, written as Server-Sent Events straight onto its HTTP response. Items carry
 * their notification id as the SSE event id, so a reconnecting client's {@code Last-Event-ID} says where to resume;
 * only the first unread-count event carries an id (the stream's starting position). Data lines are the JSON alone:
 * SSE has no content-type field. Written by the one dispatcher thread of {@link LiveStreams}.
 */
public final class StreamConnection {
    /** Items sent recently: a commit seen both by a replay and by its signal is sent once. */
    private static final int REMEMBERED = 512;
    /** Unsent bytes a stream may hold before its client counts as gone: a full replay (500 items) fits. */
    private static final int MAX_UNSENT_BYTES = 1 << 20;

    private final String userId;
    private final String ticketHash;
    private final HttpServerResponse response;
    private final Function<NotificationView, String> json;
    private final LinkedHashSet<Long> sent = new LinkedHashSet<>();
    private volatile long highestSent;
    private volatile boolean started;

    StreamConnection(String userId, String ticketHash, HttpServerResponse response,
            Function<NotificationView, String> json, long resumeAfter) {
        this.userId = userId;
        this.ticketHash = ticketHash;
        this.response = response;
        this.json = json;
        this.highestSent = resumeAfter;
    }

    /**
     * The head of an event stream: no-store, so caches keep nothing; X-Accel-Buffering, so proxies that buffer
     * answers pass each event on.
     */
    public static HttpServerResponse prepare(HttpServerResponse response) {
        return response.setChunked(true).setWriteQueueMaxSize(MAX_UNSENT_BYTES)
                .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
    }

    public String userId() {
        return userId;
    }

    /** The ticket this stream was opened with (null with a bearer token): it names the stream for reconnects. */
    String ticketHash() {
        return ticketHash;
    }

    long highestSent() {
        return highestSent;
    }

    /** Whether its first events are being or have been sent: pushes reach only started streams. */
    boolean started() {
        return started;
    }

    void markStarted() {
        started = true;
    }

    /** @return false when the connection is gone */
    synchronized boolean sendItem(NotificationView item) {
        if (!sent.add(item.id())) {
            return true;
        }
        if (sent.size() > REMEMBERED) {
            Iterator<Long> oldest = sent.iterator();
            oldest.next();
            oldest.remove();
        }
        highestSent = Math.max(highestSent, item.id());
        return send(event(Long.toString(item.id()), "notification", null, json.apply(item)));
    }

    /**
     * The unread count; the first one also carries the stream's position as its id (the last item already known,
     * or the one to resume after), so that a browser always reconnects with Last-Event-ID, even before any item.
     */
    boolean sendUnreadCount(long unread, Duration retry, Long position) {
        if (position != null) {
            highestSent = Math.max(highestSent, position);
        }
        return send(event(position == null ? null : Long.toString(position), "unread-count", retry,
                "{\"unread\":" + unread + "}"));
    }

    /** More was missed than a replay sends: the client reloads its inbox. */
    boolean sendReplayTruncated() {
        return send(event(null, "replay-truncated", null, "{}"));
    }

    boolean sendHeartbeat() {
        return send(":heartbeat\n\n");
    }

    /**
     * Writes unless the client is gone or stopped reading: a response whose unsent writes fill its queue is reset
     * rather than buffered without end, and the client's reconnect (with Last-Event-ID) replays what it missed.
     */
    private boolean send(String event) {
        if (response.closed() || response.ended()) {
            return false;
        }
        if (response.writeQueueFull()) {
            response.reset(); // this stream only (HTTP/2), or its connection (HTTP/1.1)
            return false;
        }
        try {
            response.write(event);
            return true;
        } catch (IllegalStateException e) {
            return false; // closed between the check and the write
        }
    }

    /** One event in the SSE format: each field on its own line, a data line per line of data, a blank line after. */
    static String event(String id, String name, Duration retry, String data) {
        StringBuilder event = new StringBuilder(data.length() + 64);
        if (id != null) {
            event.append("id:").append(id).append('\n');
        }
        event.append("event:").append(name).append('\n');
        if (retry != null) {
            event.append("retry:").append(retry.toMillis()).append('\n');
        }
        for (String line : data.split("\r\n|\r|\n", -1)) {
            event.append("data:").append(line).append('\n');
        }
        return event.append('\n').toString();
    }

    void close() {
        if (!response.closed() && !response.ended()) {
            try {
                response.end();
            } catch (IllegalStateException e) {
                // already closed by the client
            }
        }
    }
}
