package io.scaffold.requests.event;

/** The CloudEvents types this service publishes on {@code scaffold.requests.events} (key = request id). */
public final class EventTypes {
    public static final String AGGREGATE = "help-request";
    public static final String CREATED = "scaffold.help-request.created.v1";
    public static final String UPDATED = "scaffold.help-request.updated.v1";
    public static final String RESPONDED = "scaffold.help-request.responded.v1";
    public static final String RESPONSE_ACCEPTED = "scaffold.help-request.response-accepted.v1";
    public static final String RESOLVED = "scaffold.help-request.resolved.v1";
    public static final String REOPENED = "scaffold.help-request.reopened.v1";
    public static final String CANCELLED = "scaffold.help-request.cancelled.v1";
    public static final String ESCALATED = "scaffold.help-request.escalated.v1";
    public static final String FEEDBACK_GIVEN = "scaffold.help-request.feedback-given.v1";
    public static final String PUBLISHED = "scaffold.help-request.published.v1";
    /** Someone's problem was solved by a suggestion, without asking (key: the request or resource that solved it). */
    public static final String SELF_SERVED = "scaffold.self-service.solved.v1";

    private EventTypes() {
    }
}
