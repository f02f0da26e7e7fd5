package io.scaffold.notifications.service;

import io.scaffold.notifications.config.NotificationsConfig;
import io.scaffold.notifications.domain.Notification;
import io.scaffold.notifications.domain.NotificationKind;
import io.scaffold.notifications.domain.NotificationStatus;
import io.scaffold.notifications.repository.NotificationRepository;
import io.scaffold.notifications.rest.dto.NotificationView;
import io.scaffold.platform.paging.Cursor;
import io.scaffold.platform.paging.CursorPage;
import io.scaffold.platform.paging.PageSize;
import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** The caller's own inbox: nobody ever reads, counts or changes another person's items (those are 404s). */
@ApplicationScoped
public class InboxService {
    private final NotificationRepository notifications;
    private final NotificationsConfig config;

    public InboxService(NotificationRepository notifications, NotificationsConfig config) {
        this.notifications = notifications;
        this.config = config;
    }

    /** {@code status}: unread, read, archived or all (the default). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CursorPage<NotificationView> list(String userId, String status, NotificationKind kind, UUID communityId,
            Integer limit, String cursor) {
        int size = PageSize.of(limit, config.defaultPageSize(), config.maxPageSize());
        Cursor after = Cursor.decode(cursor, 1);
        Long before = after == null ? null : parseId(after.get(0));
        NotificationStatus wanted = switch (status == null ? "all" : status.strip().toLowerCase()) {
            case "unread" -> NotificationStatus.UNREAD;
            case "read" -> NotificationStatus.READ;
            case "archived" -> NotificationStatus.ARCHIVED;
            case "all" -> null;
            default -> throw ApiProblem.invalid("status", "must be one of unread, read, archived, all");
        };
        List<Notification> rows = notifications.page(userId, wanted, kind, communityId, before, size + 1);
        boolean more = rows.size() > size;
        List<Notification> page = more ? rows.subList(0, size) : rows;
        return new CursorPage<>(page.stream().map(InboxService::view).toList(),
                more ? Cursor.of(Long.toString(page.get(size - 1).id)).encode() : null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long unreadCount(String userId) {
        return notifications.unread(userId);
    }

    @Transactional
    public NotificationView markRead(long id, String userId) {
        Notification item = own(id, userId);
        if (item.status == NotificationStatus.UNREAD) {
            item.status = NotificationStatus.READ;
            item.readAt = now();
            item.updatedAt = item.readAt;
            notifications.countRead(userId, 1);
        }
        return view(item);
    }

    /** Everything unread, or everything unread up to an id (what the client has shown). */
    @Transactional
    public int markAllRead(String userId, Long upToId) {
        int marked = notifications.markAllRead(userId, upToId, now());
        notifications.countRead(userId, marked);
        return marked;
    }

    @Transactional
    public NotificationView archive(long id, String userId) {
        Notification item = own(id, userId);
        if (item.status != NotificationStatus.ARCHIVED) {
            if (item.status == NotificationStatus.UNREAD) {
                notifications.countRead(userId, 1);
            }
            if (item.readAt == null) {
                item.readAt = now();
            }
            item.status = NotificationStatus.ARCHIVED;
            item.updatedAt = now();
        }
        return view(item);
    }

    private Notification own(long id, String userId) {
        return notifications.findByIdOptional(id).filter(n -> n.userId.equals(userId))
                .orElseThrow(() -> ApiProblem.notFound("Notification", id));
    }

    static NotificationView view(Notification n) {
        return new NotificationView(n.id, n.kind, n.title, n.body, n.link, n.subjectId, n.communityId, n.urgency,
                n.eventCount, n.status, n.createdAt, n.updatedAt, n.readAt, n.sourceEventId);
    }

    private static Long parseId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("cursor", "is not a cursor this list returned");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
