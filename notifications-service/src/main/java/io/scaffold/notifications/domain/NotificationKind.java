package io.scaffold.notifications.domain;

/**
 * What a notification is about; preferences (per kind) and collapsing key on it. Each kind has the e-mail delivery a
 * person gets before setting anything; a critical kind can never be turned off in the app.
 */
public enum NotificationKind {
    /** You were asked to help with a request. */
    REQUEST_INVITATION(EmailDelivery.IMMEDIATE, false),
    /** A new request in a community whose new requests you follow. */
    COMMUNITY_REQUEST(EmailDelivery.DIGEST, false),
    /** Someone responded to your request (collapses while unread). */
    RESPONSE_POSTED(EmailDelivery.IMMEDIATE, false),
    /** The requester accepted your answer. */
    ANSWER_ACCEPTED(EmailDelivery.DIGEST, false),
    /** A request nobody answered climbed to you as a next helper or a facilitator. */
    ESCALATION(EmailDelivery.IMMEDIATE, false),
    /** A request nobody answered reached you as the L&D desk: the last rung, so it always gets through. */
    DESK_ESCALATION(EmailDelivery.IMMEDIATE, true),
    /** Someone asked to join a community you manage. */
    MEMBERSHIP_REQUESTED(EmailDelivery.DIGEST, false),
    /** You were invited to join a community. */
    MEMBERSHIP_INVITATION(EmailDelivery.IMMEDIATE, false),
    /** Your request to join was approved. */
    MEMBERSHIP_APPROVED(EmailDelivery.DIGEST, false),
    /** Your role in a community changed. */
    ROLE_CHANGED(EmailDelivery.DIGEST, false),
    /** A resource was added to a community whose library you follow. */
    RESOURCE_ADDED(EmailDelivery.DIGEST, false),
    /** A webhook endpoint you registered was turned off: its deliveries kept failing past the retry window. */
    WEBHOOK_DISABLED(EmailDelivery.IMMEDIATE, true);

    private final EmailDelivery defaultEmail;
    private final boolean critical;

    NotificationKind(EmailDelivery defaultEmail, boolean critical) {
        this.defaultEmail = defaultEmail;
        this.critical = critical;
    }

    public EmailDelivery defaultEmail() {
        return defaultEmail;
    }

    /** Cannot be turned off in the app, and reaches the inbox even from a muted community. */
    public boolean critical() {
        return critical;
    }
}
