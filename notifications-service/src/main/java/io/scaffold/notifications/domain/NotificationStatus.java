package io.scaffold.notifications.domain;

public enum NotificationStatus {
    UNREAD, READ, ARCHIVED
}
