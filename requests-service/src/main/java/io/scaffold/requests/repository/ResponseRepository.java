package io.scaffold.requests.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scaffold.requests.domain.HelpResponse;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ResponseRepository implements PanacheRepositoryBase<HelpResponse, UUID> {

    /** Oldest first ({@code after} = [created_at, id]), the order of a conversation. */
    public List<HelpResponse> page(UUID requestId, Instant afterTime, UUID afterId, int limit) {
        if (afterTime == null) {
            return find("requestId = ?1 order by createdAt, id", requestId).page(0, limit).list();
        }
        return find("requestId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
                requestId, afterTime, afterId).page(0, limit).list();
    }

    public Optional<HelpResponse> of(UUID requestId, UUID responseId) {
        return find("id = ?1 and requestId = ?2", responseId, requestId).firstResultOptional();
    }

    public List<String> responderIds(UUID requestId) {
        return getEntityManager().createQuery("select distinct r.responderId from HelpResponse r where r.requestId = :r"
                + " order by r.responderId", String.class).setParameter("r", requestId).getResultList();
    }
}
