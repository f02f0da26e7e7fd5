package io.scaffold.requests.domain;

public enum RequestStatus {
    OPEN, RESOLVED, CANCELLED
}
