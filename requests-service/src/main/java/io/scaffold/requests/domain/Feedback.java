package io.scaffold.requests.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** What the requester says the help was worth: the outcome the product is measured by. */
@Entity
@Table(name = "request_feedback")
public class Feedback {
    @Id
    @Column(name = "request_id")
    public UUID requestId;

    @Column(nullable = false)
    public boolean unblocked;

    @Column(name = "minutes_saved")
    public Integer minutesSaved;

    public String comment;

    @Column(name = "given_at", nullable = false)
    public Instant givenAt;
}
