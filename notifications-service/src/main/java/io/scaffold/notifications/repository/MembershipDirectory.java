package io.scaffold.notifications.repository;

import io.scaffold.notifications.domain.Audiences;
import io.scaffold.notifications.domain.CommunitySetting;
import io.scaffold.platform.sql.ScalarResults;
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

    /** A snapshot's page: the members whose id lies in (after, through], byte order, become {@code kept}. */
    public void retainMembers(UUID communityId, String after, String through, List<String> kept) {
        em.createNativeQuery("DELETE FROM community_member WHERE community_id = :c"
                        + " AND (CAST(:after AS text) IS NULL OR user_id COLLATE \"C\" > :after)"
                        + " AND (CAST(:through AS text) IS NULL OR user_id COLLATE \"C\" <= :through)"
                        + " AND NOT (user_id = ANY(CAST(:kept AS text[])))")
                .setParameter("c", communityId).setParameter("after", after).setParameter("through", through)
                .setParameter("kept", io.scaffold.platform.sql.SqlArrays.text(kept)).executeUpdate();
    }

    /**
     * Empties the projection, for a rebuild: DELETE rather than TRUNCATE, so that fan-outs keep reading the old rows
     * until the rebuild commits. People's own settings (mutes, follows) are theirs, not a projection: they stay.
     */
    public void clear() {
        em.createNativeQuery("DELETE FROM community_member").executeUpdate();
        em.createNativeQuery("DELETE FROM community_view").executeUpdate();
    }

    /** Owners and facilitators, by user id. */
    @Override
    public List<String> managers(UUID communityId) {
        return ScalarResults.list(em.createNativeQuery("SELECT user_id FROM community_member WHERE community_id = :c"
                        + " AND role IN ('OWNER', 'FACILITATOR') ORDER BY user_id")
                .setParameter("c", communityId), String.class);
    }

    /** Active members who opted in to the community's new requests or resources, by user id. */
    public List<String> followers(UUID communityId, CommunitySetting setting) {
        return ScalarResults.list(em.createNativeQuery("""
                        SELECT s.user_id FROM community_setting s
                        JOIN community_member m ON m.community_id = s.community_id AND m.user_id = s.user_id
                        WHERE s.community_id = :c AND s.setting = :setting ORDER BY s.user_id""")
                .setParameter("c", communityId).setParameter("setting", setting.name()), String.class);
    }

    /** The person's role in the community, if they are an active member. */
    public Optional<String> role(UUID communityId, String userId) {
        List<String> roles = ScalarResults.list(em.createNativeQuery("SELECT role FROM community_member"
                + " WHERE community_id = :c AND user_id = :u").setParameter("c", communityId).setParameter("u", userId),
                String.class);
        return roles.stream().findFirst();
    }

    /** PUBLIC or PRIVATE, if the community is known here. */
    public Optional<String> visibility(UUID communityId) {
        List<String> rows = ScalarResults.list(em.createNativeQuery(
                "SELECT visibility FROM community_view WHERE id = :c").setParameter("c", communityId), String.class);
        return rows.stream().findFirst();
    }
}
