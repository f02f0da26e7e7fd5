package io.scaffold.notifications.domain;

/** What a notification is about; preferences (per kind) and collapsing key on it. */
public enum NotificationKind {
    /** You were asked to help with a request. */
    REQUEST_INVITATION,
    /** Someone responded to your request (collapses while unread). */
    RESPONSE_POSTED,
    /** The requester accepted your answer. */
    ANSWER_ACCEPTED,
    /** A request nobody answered climbed to you. */
    ESCALATION,
    /** Someone asked to join a community you manage. */
    MEMBERSHIP_REQUESTED,
    /** Your request to join was approved. */
    MEMBERSHIP_APPROVED,
    /** Your role in a community changed. */
    ROLE_CHANGED
}
