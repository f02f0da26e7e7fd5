package io.scaffold.notifications.rest.dto;

public record UnreadCount(long unread) {
}
