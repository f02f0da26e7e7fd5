package io.scaffold.notifications.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/** The local projection of community memberships and roles, from communities-service's events. */
@ApplicationScoped
public class MembershipDirectory {
    private final EntityManager em;

    public MembershipDirectory(EntityManager em) {
        this.em = em;
    }

    public void upsertCommunity(UUID id, String name, String visibility) {
        em.createNativeQuery("""
                INSERT INTO community_view (id, name, visibility, updated_at) VALUES (:id, :name, :visibility, now())
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, visibility = excluded.visibility,
                    updated_at = now()""")
                .setParameter("id", id).setParameter("name", name).setParameter("visibility", visibility)
                .executeUpdate();
    }

    public void upsertMember(UUID communityId, String userId, String role) {
        em.createNativeQuery("""
                INSERT INTO community_member (community_id, user_id, role) VALUES (:c, :u, :role)
                ON CONFLICT (community_id, user_id) DO UPDATE SET role = excluded.role""")
                .setParameter("c", communityId).setParameter("u", userId).setParameter("role", role).executeUpdate();
    }

    public void removeMember(UUID communityId, String userId) {
        em.createNativeQuery("DELETE FROM community_member WHERE community_id = :c AND user_id = :u")
                .setParameter("c", communityId).setParameter("u", userId).executeUpdate();
    }

    /** Owners and facilitators, by user id. */
    public List<String> managers(UUID communityId) {
        return em.createNativeQuery("SELECT user_id FROM community_member WHERE community_id = :c"
                        + " AND role IN ('OWNER', 'FACILITATOR') ORDER BY user_id", String.class)
                .setParameter("c", communityId).getResultList();
    }
}
