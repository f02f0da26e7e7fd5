package io.scaffold.communities.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.scaffold.communities.domain.Community;
import io.scaffold.communities.domain.Membership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** A community and the caller's membership (null when none), in one round trip. */
    public Optional<Object[]> findWithMembership(UUID id, String userId) {
        return getEntityManager().createQuery(
                        "select c, m from Community c left join Membership m on m.communityId = c.id and m.userId = :user"
                                + " where c.id = :id", Object[].class)
                .setParameter("id", id)
                .setParameter("user", userId)
                .getResultStream().findFirst();
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
        String rank = "ts_rank(c.search, websearch_to_tsquery('english', :q))";
        // EXISTS rather than a join: the planner can start from the search or name index and probe memberships.
        StringBuilder sql = new StringBuilder("SELECT c.id, ").append(search ? rank : "NULL::real")
                .append(" FROM community c WHERE ");
        if (filter.mineOnly()) {
            sql.append("EXISTS (SELECT 1 FROM membership m WHERE m.community_id = c.id AND m.user_id = :me"
                    + " AND m.status = 'ACTIVE')");
        } else {
            sql.append("(c.visibility = 'PUBLIC' OR EXISTS (SELECT 1 FROM membership m WHERE m.community_id = c.id"
                    + " AND m.user_id = :me))");
        }
        if (!filter.includeArchived()) {
            sql.append(" AND c.archived_at IS NULL");
        }
        if (filter.tag() != null) {
            sql.append(" AND c.tags @> ARRAY[CAST(:tag AS text)]");
        }
        if (search) {
            sql.append(" AND c.search @@ websearch_to_tsquery('english', :q)");
            if (after != null) {
                sql.append(" AND (").append(rank).append(" < CAST(:afterRank AS real) OR (").append(rank)
                        .append(" = CAST(:afterRank AS real) AND c.id > CAST(:afterId AS uuid)))");
            }
            sql.append(" ORDER BY 2 DESC, c.id");
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
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(row -> (UUID) row[0]).toList();
        Map<UUID, Community> byId = new HashMap<>();
        list("id in ?1", ids).forEach(c -> byId.put(c.id, c));
        Map<UUID, Membership> callerMemberships = new HashMap<>();
        getEntityManager().createQuery("from Membership m where m.userId = :me and m.communityId in :ids",
                        Membership.class)
                .setParameter("me", filter.callerId()).setParameter("ids", ids)
                .getResultList().forEach(m -> callerMemberships.put(m.communityId, m));
        List<Listed> page = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Membership membership = callerMemberships.get((UUID) row[0]);
            page.add(new Listed(byId.get((UUID) row[0]),
                    membership == null ? null : membership.role.name(),
                    membership == null ? null : membership.status.name(),
                    row[1] == null ? null : ((Number) row[1]).floatValue()));
        }
        return page;
    }
}
