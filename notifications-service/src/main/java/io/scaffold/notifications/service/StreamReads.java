package io.scaffold.notifications.service;

import io.scaffold.notifications.domain.Notification;
import io.scaffold.notifications.domain.QuietHours;
import io.scaffold.notifications.repository.NotificationRepository;
import io.scaffold.notifications.repository.PreferenceRepository;
import io.scaffold.notifications.rest.dto.NotificationView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Map;

/** What the live streams read from the database, off any HTTP request: each call is its own short transaction. */
@ApplicationScoped
public class StreamReads {
    private final NotificationRepository notifications;
    private final PreferenceRepository preferences;

    public StreamReads(NotificationRepository notifications, PreferenceRepository preferences) {
        this.notifications = notifications;
        this.preferences = preferences;
    }

    /** Items to push: written by one commit for people connected here, less those held back by quiet hours. */
    public record Batch(List<Item> items, Map<String, Long> unread, boolean more) {
    }

    /** One item for one person, with the trace context of the event that wrote it. */
    public record Item(String userId, NotificationView view, String traceparent) {
    }

    @ActivateRequestContext
    @Transactional
    public Batch written(long from, long to, Set<String> connected) {
        return pushable(notifications.written(from, to, connected), false);
    }

    /** A reconnecting person's missed items, oldest first ({@code limit + 1} at most, to tell truncation). */
    @ActivateRequestContext
    @Transactional
    public Batch since(String userId, long afterId, int limit) {
        List<Notification> rows = notifications.since(userId, afterId, limit + 1);
        boolean more = rows.size() > limit;
        return pushable(more ? rows.subList(0, limit) : rows, more);
    }

    @ActivateRequestContext
    @Transactional
    public long latestId(String userId) {
        return notifications.latestId(userId);
    }

    @ActivateRequestContext
    @Transactional
    public Map<String, Long> unread(List<String> users) {
        return notifications.unread(users);
    }

    /** Held-back items change nobody's badge either: quiet hours are quiet. */
    private Batch pushable(List<Notification> rows, boolean more) {
        Map<String, QuietHours> quiet = preferences.quietHours(rows.stream().map(n -> n.userId).distinct().toList());
        Instant now = Instant.now();
        List<Item> items = rows.stream()
                .filter(n -> QuietHours.allowsPush(quiet.get(n.userId), n.urgency, now))
                .map(n -> new Item(n.userId, InboxService.view(n), n.traceparent)).toList();
        List<String> told = items.stream().map(Item::userId).distinct().toList();
        return new Batch(items, told.isEmpty() ? Map.of() : notifications.unread(told), more);
    }
}
