package io.scaffold.notifications.repository;

import io.scaffold.notifications.domain.Audiences;
import io.scaffold.notifications.domain.CommunitySetting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The local projection of community memberships and roles, from communities-service's events. */
@ApplicationScoped
public class MembershipDirectory implements Audiences {
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
    @Override
    public List<String> managers(UUID communityId) {
        return em.createNativeQuery("SELECT user_id FROM community_member WHERE community_id = :c"
                        + " AND role IN ('OWNER', 'FACILITATOR') ORDER BY user_id", String.class)
                .setParameter("c", communityId).getResultList();
    }

    /** Active members who opted in to the community's new requests or resources, by user id. */
    public List<String> followers(UUID communityId, CommunitySetting setting) {
        return em.createNativeQuery("""
                        SELECT s.user_id FROM community_setting s
                        JOIN community_member m ON m.community_id = s.community_id AND m.user_id = s.user_id
                        WHERE s.community_id = :c AND s.setting = :setting ORDER BY s.user_id""", String.class)
                .setParameter("c", communityId).setParameter("setting", setting.name()).getResultList();
    }

    /** The person's role in the community, if they are an active member. */
    public Optional<String> role(UUID communityId, String userId) {
        List<String> roles = em.createNativeQuery("SELECT role FROM community_member WHERE community_id = :c"
                + " AND user_id = :u", String.class).setParameter("c", communityId).setParameter("u", userId)
                .getResultList();
        return roles.stream().findFirst();
    }

    /** PUBLIC or PRIVATE, if the community is known here. */
    public Optional<String> visibility(UUID communityId) {
        List<String> rows = em.createNativeQuery("SELECT visibility FROM community_view WHERE id = :c", String.class)
                .setParameter("c", communityId).getResultList();
        return rows.stream().findFirst();
    }
}
