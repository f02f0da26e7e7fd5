package io.scaffold.notifications.service;

import io.scaffold.notifications.rest.dto.NotificationView;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Iterator;

/**
 * One open live stream of one person. Items carry their notification id as the SSE event id, so a reconnecting
 * client's {@code Last-Event-ID} says where to resume; only the first unread-count event carries an id (the stream's
 * starting position). Data lines are the JSON alone: SSE has no content-type field.
 */
public final class StreamConnection {
    /** Items sent recently: a commit seen both by a replay and by its signal is sent once. */
    private static final int REMEMBERED = 512;

    private final String userId;
    private final String ticketHash;
    private final SseEventSink sink;
    private final Sse sse;
    private final java.util.function.Function<NotificationView, String> json;
    private final LinkedHashSet<Long> sent = new LinkedHashSet<>();
    private volatile long highestSent;

    StreamConnection(String userId, String ticketHash, SseEventSink sink, Sse sse,
            java.util.function.Function<NotificationView, String> json, long resumeAfter) {
        this.userId = userId;
        this.ticketHash = ticketHash;
        this.sink = sink;
        this.sse = sse;
        this.json = json;
        this.highestSent = resumeAfter;
    }

    public String userId() {
        return userId;
    }

    /** The ticket this stream was opened with (null with a bearer token): it names the stream for reconnects. */
    String ticketHash() {
        return ticketHash;
    }

    public boolean isOpen() {
        return !sink.isClosed();
    }

    long highestSent() {
        return highestSent;
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
        return send(sse.newEventBuilder().id(Long.toString(item.id())).name("notification")
                .data(String.class, json.apply(item)).build());
    }

    /**
     * The unread count; the first one also carries the stream's position as its id (the last item already known,
     * or the one to resume after), so that a browser always reconnects with Last-Event-ID, even before any item.
     */
    boolean sendUnreadCount(long unread, Duration retry, Long position) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().name("unread-count")
                .data(String.class, "{\"unread\":" + unread + "}");
        if (retry != null) {
            event.reconnectDelay(retry.toMillis());
        }
        if (position != null) {
            event.id(Long.toString(position));
            highestSent = Math.max(highestSent, position);
        }
        return send(event.build());
    }

    /** More was missed than a replay sends: the client reloads its inbox. */
    boolean sendReplayTruncated() {
        return send(sse.newEventBuilder().name("replay-truncated").data(String.class, "{}").build());
    }

    boolean sendHeartbeat() {
        return send(sse.newEventBuilder().comment("heartbeat").build());
    }

    private boolean send(OutboundSseEvent event) {
        if (sink.isClosed()) {
            return false;
        }
        try {
            sink.send(event);
            return true;
        } catch (IllegalStateException e) {
            return false; // closed between the check and the send
        }
    }

    void close() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }
}
