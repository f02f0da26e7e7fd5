package io.scaffold.notifications.service;

import io.scaffold.notifications.rest.dto.NotificationView;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Iterator;

/**
 * One open live stream of one person. Items carry their notification id as the SSE event id, so a reconnecting
 * client's {@code Last-Event-ID} says where to resume; unread-count events carry no id and leave it unchanged.
 */
public final class StreamConnection {
    /** Items sent recently: a commit seen both by a replay and by its signal is sent once. */
    private static final int REMEMBERED = 512;

    private final String userId;
    private final SseEventSink sink;
    private final Sse sse;
    private final LinkedHashSet<Long> sent = new LinkedHashSet<>();
    private volatile long highestSent;

    StreamConnection(String userId, SseEventSink sink, Sse sse, long resumeAfter) {
        this.userId = userId;
        this.sink = sink;
        this.sse = sse;
        this.highestSent = resumeAfter;
    }

    public String userId() {
        return userId;
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
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(NotificationView.class, item).build());
    }

    boolean sendUnreadCount(long unread, Duration retry) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().name("unread-count")
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, "{\"unread\":" + unread + "}");
        if (retry != null) {
            event.reconnectDelay(retry.toMillis());
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
