package io.scaffold.notifications.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.scaffold.notifications.config.NotificationsConfig;
import io.scaffold.platform.tracing.TraceContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scaffold.notifications.repository.InboxSignal;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The live streams open on this replica. Whichever replica wrote an item, its commit signals every replica (see
 * {@link InboxSignal}); each pushes to the people connected to it. One dispatcher thread does all pushing, so a
 * person's events leave in the order they were read.
 */
@ApplicationScoped
public class LiveStreams {
    private static final Logger LOG = Logger.getLogger(LiveStreams.class);

    private final Map<String, Set<StreamConnection>> byUser = new ConcurrentHashMap<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "scaffold-live-streams");
        thread.setDaemon(true);
        return thread;
    });
    private final StreamReads reads;
    private final NotificationsConfig config;
    private final StreamTickets tickets;
    private final ObjectMapper json;
    private final Tracer tracer;

    public LiveStreams(StreamReads reads, NotificationsConfig config, StreamTickets tickets, ObjectMapper json,
            MeterRegistry meters, Tracer tracer) {
        this.reads = reads;
        this.config = config;
        this.tickets = tickets;
        this.json = json;
        this.tracer = tracer;
        Gauge.builder("scaffold.notifications.stream.connections", byUser,
                        users -> users.values().stream().mapToInt(Set::size).sum())
                .description("Open live streams on this replica").register(meters);
    }

    /**
     * Starts a person's stream on this response: first their unread count, then what they missed since
     * {@code lastEventId} (if given), then every new item as it is written. Fails with 429, having written nothing,
     * when they already have as many streams open here as allowed.
     *
     * @return the stream, for {@link #gone} once its client leaves
     */
    public StreamConnection open(String userId, String ticketHash, HttpServerResponse response, Long lastEventId) {
        StreamConnection connection = new StreamConnection(userId, ticketHash, response, this::toJson,
                lastEventId == null ? 0 : lastEventId);
        int limit = config.limits().streamsPerPerson();
        int[] refusedAt = {-1};
        // one atomic step per person: a stream closing at the same moment cannot strand this one in a dropped set
        byUser.compute(userId, (user, connections) -> {
            Set<StreamConnection> open = connections == null ? ConcurrentHashMap.newKeySet() : connections;
            if (open.size() >= limit) {
                refusedAt[0] = open.size();
                return connections;
            }
            open.add(connection);
            return open;
        });
        if (refusedAt[0] >= 0) {
            throw ApiProblem.retryLater(ProblemType.TOO_MANY_REQUESTS, "You have " + refusedAt[0]
                    + " live streams open; close one first (at most " + limit + ")",
                    config.stream().retry().toSeconds());
        }
        StreamConnection.prepare(response);
        submit(() -> start(connection, lastEventId));
        return connection;
    }

    /** The client left (or the response ended): its place is free at once, not at the next heartbeat. */
    public void gone(StreamConnection connection) {
        submit(() -> drop(connection));
    }

    /** A commit changed inboxes (on any replica). */
    public void onSignal(InboxSignal signal) {
        submit(() -> {
            if (signal.isWrite()) {
                pushWritten(signal.fromId(), signal.toId());
            } else {
                pushCount(signal.countUser());
            }
        });
    }

    /** Signals may have been missed while the listener was away: each stream catches up from its last item. */
    public void resync() {
        submit(() -> byUser.values().forEach(connections -> connections.stream().filter(StreamConnection::started)
                .forEach(connection -> replay(connection, connection.highestSent()))));
    }

    public int openStreams() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * The stream's first events. Until they are sent, pushes pass the connection by: whatever they bring was
     * committed before this reads the inbox, so the position (or the replay) below covers it, and the client always
     * gets its unread count first, then items in order.
     */
    private void start(StreamConnection connection, Long lastEventId) {
        connection.markStarted();
        try {
            long unread = reads.unread(List.of(connection.userId())).getOrDefault(connection.userId(), 0L);
            long position = lastEventId != null ? lastEventId : reads.latestId(connection.userId());
            if (!connection.sendUnreadCount(unread, config.stream().retry(), position)) {
                drop(connection);
                return;
            }
            if (lastEventId != null) {
                replay(connection, lastEventId);
            }
        } catch (RuntimeException e) {
            // without its first events the stream would be open but blind: end it, and the client reconnects
            LOG.warnf("a live stream could not start (the client reconnects): %s", e.toString());
            drop(connection);
        }
    }

    private void replay(StreamConnection connection, long afterId) {
        StreamReads.Batch missed = reads.since(connection.userId(), afterId, config.stream().replayLimit());
        boolean open = true;
        for (StreamReads.Item item : missed.items()) {
            open = open && connection.sendItem(item.view());
        }
        if (open && missed.more()) {
            open = connection.sendReplayTruncated();
        }
        Long unread = missed.unread().get(connection.userId());
        if (open && unread != null) {
            open = connection.sendUnreadCount(unread, null, null);
        }
        if (!open) {
            drop(connection);
        }
    }

    private void pushWritten(long from, long to) {
        if (byUser.isEmpty()) {
            return;
        }
        // a live view: a person connecting meanwhile may or may not be included, as with a copy taken a moment earlier
        StreamReads.Batch batch = reads.written(from, to, byUser.keySet());
        for (StreamReads.Item item : batch.items()) {
            // The push is the last step of the trace that started with the request that caused the item.
            Span span = tracer.spanBuilder("notification push")
                    .setParent(new TraceContext(item.traceparent(), null).toContext())
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute("scaffold.notification.id", item.view().id())
                    .startSpan();
            try {
                forEachConnection(item.userId(), connection -> connection.sendItem(item.view()));
            } finally {
                span.end();
            }
        }
        batch.unread().forEach((user, unread) -> forEachConnection(user,
                connection -> connection.sendUnreadCount(unread, null, null)));
    }

    private void pushCount(String userId) {
        if (!byUser.containsKey(userId)) {
            return;
        }
        long unread = reads.unread(List.of(userId)).getOrDefault(userId, 0L);
        forEachConnection(userId, connection -> connection.sendUnreadCount(unread, null, null));
    }

    /** A comment line now and then, so proxies and load balancers keep idle streams open; drops closed ones. */
    @Scheduled(every = "${scaffold.notifications.stream.heartbeat}")
    void heartbeat() {
        submit(() -> byUser.values().forEach(connections -> connections.forEach(connection -> {
            if (connection.started() && !connection.sendHeartbeat()) {
                drop(connection);
            }
        })));
    }

    /** The tickets of the streams open here stay valid for their own reconnects (one statement per replica). */
    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepTicketsResumable() {
        List<String> hashes = byUser.values().stream().flatMap(Set::stream).map(StreamConnection::ticketHash)
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (!hashes.isEmpty()) {
            tickets.keepResumable(hashes);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a notification could not be written as JSON", e);
        }
    }

    private void forEachConnection(String userId, java.util.function.Predicate<StreamConnection> send) {
        Set<StreamConnection> connections = byUser.get(userId);
        if (connections != null) {
            connections.forEach(connection -> {
                if (connection.started() && !send.test(connection)) {
                    drop(connection);
                }
            });
        }
    }

    private void drop(StreamConnection connection) {
        boolean[] removed = {false};
        byUser.computeIfPresent(connection.userId(), (user, connections) -> {
            removed[0] = connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        connection.close();
        if (removed[0] && connection.ticketHash() != null) {
            // The browser reconnects within its retry delay: its ticket stays good for a resume window from now.
            submit(() -> tickets.keepResumable(List.of(connection.ticketHash())));
        }
    }

    /** Runs on the dispatcher thread; a failure is logged (clients catch up on reconnect), never lost silently. */
    private void submit(Runnable work) {
        try {
            dispatcher.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("live stream push failed; clients catch up on reconnect", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("the service is stopping: no more pushes");
        }
    }

    void closeAll(@Observes ShutdownEvent event) {
        dispatcher.shutdownNow();
        byUser.values().forEach(connections -> connections.forEach(StreamConnection::close));
        byUser.clear();
    }
}
