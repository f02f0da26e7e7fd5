package io.scaffold.notifications.repository;

import io.scaffold.notifications.domain.WebhookEndpoint;
import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The organisation's webhook endpoints. */
@ApplicationScoped
public class WebhookEndpointRepository {
    private static final String COLUMNS = "id, url, description, array_to_string(event_types, ' '), enabled,"
            + " disabled_reason, created_by, secret, previous_secret, previous_secret_until, created_at, updated_at,"
            + " version";

    private final EntityManager em;

    public WebhookEndpointRepository(EntityManager em) {
        this.em = em;
    }

    public void insert(WebhookEndpoint e) {
        em.createNativeQuery("""
                        INSERT INTO webhook_endpoint (id, url, description, event_types, enabled, disabled_reason,
                            created_by, secret, previous_secret, previous_secret_until, created_at, updated_at, version)
                        VALUES (:id, :url, :description, CAST(:types AS text[]), :enabled, :reason, :createdBy,
                            :secret, :previous, CAST(CAST(:previousUntil AS text) AS timestamptz), :createdAt,
                            :updatedAt, :version)""")
                .setParameter("id", e.id()).setParameter("url", e.url()).setParameter("description", e.description())
                .setParameter("types", SqlArrays.text(e.eventTypes())).setParameter("enabled", e.enabled())
                .setParameter("reason", e.disabledReason()).setParameter("createdBy", e.createdBy())
                .setParameter("secret", e.secret()).setParameter("previous", e.previousSecret())
                .setParameter("previousUntil", text(e.previousSecretUntil()))
                .setParameter("createdAt", timestamp(e.createdAt())).setParameter("updatedAt",
                        timestamp(e.updatedAt()))
                .setParameter("version", e.version()).executeUpdate();
    }

    /** Saves every field but id, creator and creation time if the version is still {@code e.version() - 1}. */
    public boolean update(WebhookEndpoint e) {
        return em.createNativeQuery("""
                        UPDATE webhook_endpoint SET url = :url, description = :description,
                            event_types = CAST(:types AS text[]), enabled = :enabled, disabled_reason = :reason,
                            secret = :secret, previous_secret = :previous,
                            previous_secret_until = CAST(CAST(:previousUntil AS text) AS timestamptz),
                            updated_at = :updatedAt, version = :version
                        WHERE id = :id AND version = :version - 1""")
                .setParameter("id", e.id()).setParameter("url", e.url()).setParameter("description", e.description())
                .setParameter("types", SqlArrays.text(e.eventTypes())).setParameter("enabled", e.enabled())
                .setParameter("reason", e.disabledReason()).setParameter("secret", e.secret())
                .setParameter("previous", e.previousSecret())
                .setParameter("previousUntil", text(e.previousSecretUntil()))
                .setParameter("updatedAt", timestamp(e.updatedAt())).setParameter("version", e.version())
                .executeUpdate() == 1;
    }

    public Optional<WebhookEndpoint> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = :id")
                .setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(WebhookEndpointRepository::endpoint);
    }

    /** Locked until the transaction ends, so that concurrent changes to one endpoint apply one after another. */
    public Optional<WebhookEndpoint> lock(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = :id"
                + " FOR UPDATE").setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(WebhookEndpointRepository::endpoint);
    }

    public List<WebhookEndpoint> all() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM webhook_endpoint"
                + " ORDER BY created_at, id").getResultList();
        return rows.stream().map(WebhookEndpointRepository::endpoint).toList();
    }

    public List<WebhookEndpoint> enabled() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE enabled")
                .getResultList();
        return rows.stream().map(WebhookEndpointRepository::endpoint).toList();
    }

    public long count() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM webhook_endpoint").getSingleResult()).longValue();
    }

    public boolean delete(UUID id) {
        return em.createNativeQuery("DELETE FROM webhook_endpoint WHERE id = :id").setParameter("id", id)
                .executeUpdate() == 1;
    }

    private static WebhookEndpoint endpoint(Object[] r) {
        String types = (String) r[3];
        return new WebhookEndpoint((UUID) r[0], (String) r[1], (String) r[2],
                types.isEmpty() ? List.of() : Arrays.asList(types.split(" ")), (Boolean) r[4], (String) r[5],
                (String) r[6], (String) r[7], (String) r[8], instant(r[9]), instant(r[10]), instant(r[11]),
                ((Number) r[12]).longValue());
    }

    /** A nullable instant as text: a null of no known type would bind as bytea. */
    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
