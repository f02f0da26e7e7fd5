package io.scaffold.requests.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An answer or an offer to help with a request. */
@Entity
@Table(name = "request_response")
public class HelpResponse {
    @Id
    public UUID id;

    @Column(name = "request_id", nullable = false)
    public UUID requestId;

    @Column(name = "responder_id", nullable = false)
    public String responderId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ResponseKind kind;

    @Column(nullable = false)
    public String text;

    /** Links to resources that help (http/https URLs). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> links = List.of();

    @Column(nullable = false)
    public boolean accepted;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
