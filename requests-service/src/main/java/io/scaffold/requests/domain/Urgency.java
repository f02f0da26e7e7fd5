package io.scaffold.requests.domain;

/** How badly the requester is stuck; it picks the escalation ladder and may break through quiet hours. */
public enum Urgency {
    LOW, NORMAL, HIGH, BLOCKING
}
