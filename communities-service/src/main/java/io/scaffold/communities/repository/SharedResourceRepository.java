package io.scaffold.communities.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scaffold.communities.domain.ResourceType;
import io.scaffold.communities.domain.SharedResource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class SharedResourceRepository implements PanacheRepositoryBase<SharedResource, UUID> {

    public record Filter(UUID communityId, String query, ResourceType type, String tag) {
    }

    /** A resource of a page and, for searches, its full-text rank (the search cursor's sort key). */
    public record Ranked(SharedResource resource, Float rank) {
    }

    public boolean existsForRequest(UUID requestId) {
        return count("sourceRequestId", requestId) > 0;
    }

    /**
     * Keyset page of a community's resources: newest first ({@code after} = [createdAt, id]) or, with a query, by
     * full-text rank ({@code after} = [rank, id]).
     */
    public List<Ranked> page(Filter filter, List<String> after, int limit) {
        boolean searching = filter.query() != null;
        StringBuilder sql = new StringBuilder("SELECT r.id, " + (searching
                ? "ts_rank(r.search, websearch_to_tsquery('english', :q))" : "NULL::real")
                + " FROM shared_resource r WHERE r.community_id = :community");
        Map<String, Object> params = new HashMap<>();
        params.put("community", filter.communityId());
        if (filter.type() != null) {
            sql.append(" AND r.type = :type");
            params.put("type", filter.type().name());
        }
        if (filter.tag() != null) {
            sql.append(" AND r.tags @> ARRAY[CAST(:tag AS text)]");
            params.put("tag", filter.tag());
        }
        if (searching) {
            params.put("q", filter.query());
            sql.append(" AND r.search @@ websearch_to_tsquery('english', :q)");
            if (after != null) {
                sql.append(" AND (ts_rank(r.search, websearch_to_tsquery('english', :q)) < CAST(:afterRank AS real)"
                        + " OR (ts_rank(r.search, websearch_to_tsquery('english', :q)) = CAST(:afterRank AS real)"
                        + " AND r.id > CAST(:afterId AS uuid)))");
                params.put("afterRank", after.get(0));
                params.put("afterId", after.get(1));
            }
            sql.append(" ORDER BY ts_rank(r.search, websearch_to_tsquery('english', :q)) DESC, r.id");
        } else {
            if (after != null) {
                sql.append(" AND (r.created_at, r.id) < (CAST(:afterTime AS timestamptz), CAST(:afterId AS uuid))");
                params.put("afterTime", after.get(0));
                params.put("afterId", after.get(1));
            }
            sql.append(" ORDER BY r.created_at DESC, r.id DESC");
        }
        sql.append(" LIMIT :limit");
        params.put("limit", limit);
        var query = getEntityManager().createNativeQuery(sql.toString());
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, SharedResource> byId = new HashMap<>();
        list("id in ?1", rows.stream().map(r -> (UUID) r[0]).toList()).forEach(r -> byId.put(r.id, r));
        return rows.stream().map(r -> new Ranked(byId.get((UUID) r[0]),
                r[1] == null ? null : ((Number) r[1]).floatValue())).toList();
    }
}
