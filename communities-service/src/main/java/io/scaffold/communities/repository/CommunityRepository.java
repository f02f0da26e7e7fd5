package io.scaffold.communities.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scaffold.communities.domain.Community;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CommunityRepository implements PanacheRepositoryBase<Community, UUID> {

    /** Which communities a list shows, seen by one caller. */
    public record Filter(String callerId, String query, String tag, boolean mineOnly, boolean includeArchived) {
    }

    /** A row of a list: the community, the caller's role in it (null if none) and, for searches, its rank. */
    public record Listed(Community community, String callerRole, String callerStatus, Float rank) {
    }

    public boolean nameTaken(String name, UUID except) {
        return count("lower(name) = lower(?1) and id <> ?2", name,
                except == null ? new UUID(0, 0) : except) > 0;
    }

    public Optional<Community> findForUpdate(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public void adjustMemberCount(UUID id, int delta) {
        getEntityManager().createNativeQuery("UPDATE community SET member_count = member_count + :delta WHERE id = :id")
                .setParameter("delta", delta).setParameter("id", id).executeUpdate();
    }

    /**
     * Keyset page of visible communities. Without a query: by name, then id ({@code after} = [lower(name), id]).
     * With a query: by full-text rank, then id ({@code after} = [rank, id]).
     */
    public List<Listed> list(Filter filter, List<String> after, int limit) {
        boolean search = filter.query() != null;
        StringBuilder sql = new StringBuilder("""
                SELECT c.id, m.role, m.status""").append(search
                ? ", ts_rank(c.search, websearch_to_tsquery('english', :q)) AS rank" : ", NULL::real AS rank")
                .append("""
                         FROM community c
                        LEFT JOIN membership m ON m.community_id = c.id AND m.user_id = :me
                        WHERE (c.visibility = 'PUBLIC' OR m.user_id IS NOT NULL)
                        """);
        if (!filter.includeArchived()) {
            sql.append(" AND c.archived_at IS NULL");
        }
        if (filter.mineOnly()) {
            sql.append(" AND m.status = 'ACTIVE'");
        }
        if (filter.tag() != null) {
            sql.append(" AND c.tags @> ARRAY[CAST(:tag AS text)]");
        }
        if (search) {
            sql.append(" AND c.search @@ websearch_to_tsquery('english', :q)");
            if (after != null) {
                sql.append(" AND (ts_rank(c.search, websearch_to_tsquery('english', :q)) < CAST(:afterRank AS real)"
                        + " OR (ts_rank(c.search, websearch_to_tsquery('english', :q)) = CAST(:afterRank AS real)"
                        + " AND c.id > CAST(:afterId AS uuid)))");
            }
            sql.append(" ORDER BY rank DESC, c.id");
        } else {
            if (after != null) {
                sql.append(" AND (lower(c.name), c.id) > (:afterName, CAST(:afterId AS uuid))");
            }
            sql.append(" ORDER BY lower(c.name), c.id");
        }
        sql.append(" LIMIT :limit");

        var query = getEntityManager().createNativeQuery(sql.toString())
                .setParameter("me", filter.callerId())
                .setParameter("limit", limit);
        if (search) {
            query.setParameter("q", filter.query());
        }
        if (filter.tag() != null) {
            query.setParameter("tag", filter.tag());
        }
        if (after != null) {
            query.setParameter("afterId", after.get(1));
            if (search) {
                query.setParameter("afterRank", after.get(0));
            } else {
                query.setParameter("afterName", after.get(0));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        List<UUID> ids = rows.stream().map(row -> (UUID) row[0]).toList();
        var byId = new java.util.HashMap<UUID, Community>();
        if (!ids.isEmpty()) {
            list("id in ?1", ids).forEach(c -> byId.put(c.id, c));
        }
        List<Listed> page = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            page.add(new Listed(byId.get((UUID) row[0]), (String) row[1], (String) row[2],
                    row[3] == null ? null : ((Number) row[3]).floatValue()));
        }
        return page;
    }
}
