package io.scaffold.requests.repository;

import io.scaffold.platform.sql.ScalarResults;
import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The local projection of communities-service's state: communities, active members with their roles, declared skills
 * and shared resources. Written only by the communities events consumer; read on the request path instead of calling
 * communities-service.
 */
@ApplicationScoped
public class CommunityDirectory {
    private final EntityManager em;
    private final SearchVocabulary vocabulary;

    public CommunityDirectory(EntityManager em, SearchVocabulary vocabulary) {
        this.em = em;
        this.vocabulary = vocabulary;
    }

    public record KnownCommunity(UUID id, String name, String visibility, boolean archived) {
    }

    public record Skill(String skill, int level) {
    }

    /** A community event: the community's whole state. */
    public void upsertCommunity(UUID id, String name, String visibility, List<String> tags, boolean archived) {
        em.createNativeQuery("""
                INSERT INTO community_view (id, name, visibility, tags, archived, updated_at)
                VALUES (:id, :name, :visibility, CAST(:tags AS text[]), :archived, now())
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, visibility = excluded.visibility,
                    tags = excluded.tags, archived = excluded.archived, updated_at = now()""")
                .setParameter("id", id).setParameter("name", name).setParameter("visibility", visibility)
                .setParameter("tags", SqlArrays.text(tags)).setParameter("archived", archived).executeUpdate();
    }

    /** Membership and content events carry the community's current name and visibility, not its other fields. */
    public void touchCommunity(UUID id, String name, String visibility) {
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

    /** A member left or was removed: their membership and the skills they declared there go. */
    public void removeMember(UUID communityId, String userId) {
        em.createNativeQuery("DELETE FROM community_member WHERE community_id = :c AND user_id = :u")
                .setParameter("c", communityId).setParameter("u", userId).executeUpdate();
        replaceSkills(communityId, userId, List.of());
    }

    public void replaceSkills(UUID communityId, String userId, List<Skill> skills) {
        em.createNativeQuery("DELETE FROM member_skill WHERE community_id = :c AND user_id = :u")
                .setParameter("c", communityId).setParameter("u", userId).executeUpdate();
        for (Skill skill : skills) {
            em.createNativeQuery("INSERT INTO member_skill (community_id, user_id, skill, level) VALUES (:c, :u, :s, :l)"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter("c", communityId).setParameter("u", userId).setParameter("s", skill.skill())
                    .setParameter("l", (short) skill.level()).executeUpdate();
        }
    }

    public void upsertResource(UUID id, UUID communityId, String type, String title, List<String> tags, String url) {
        em.createNativeQuery("""
                INSERT INTO community_resource (id, community_id, type, title, tags, url)
                VALUES (:id, :c, :type, :title, CAST(:tags AS text[]), :url)
                ON CONFLICT (id) DO UPDATE SET type = excluded.type, title = excluded.title, tags = excluded.tags,
                    url = excluded.url""")
                .setParameter("id", id).setParameter("c", communityId).setParameter("type", type)
                .setParameter("title", title).setParameter("tags", SqlArrays.text(tags)).setParameter("url", url)
                .executeUpdate();
        vocabulary.learn(title); // its words become known to typo correction
    }

    public void removeResource(UUID id) {
        em.createNativeQuery("DELETE FROM community_resource WHERE id = :id").setParameter("id", id).executeUpdate();
    }

    /**
     * A snapshot's page of members: those of the community whose id lies in (after, through] (byte order; null
     * bounds are open) become exactly {@code kept}, the others in that range leave with their skills.
     */
    public void retainMembers(UUID communityId, String after, String through, List<String> kept) {
        String range = "community_id = :c AND (CAST(:after AS text) IS NULL OR user_id COLLATE \"C\" > :after)"
                + " AND (CAST(:through AS text) IS NULL OR user_id COLLATE \"C\" <= :through)"
                + " AND NOT (user_id = ANY(CAST(:kept AS text[])))";
        for (String table : List.of("community_member", "member_skill")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE " + range).setParameter("c", communityId)
                    .setParameter("after", after).setParameter("through", through)
                    .setParameter("kept", SqlArrays.text(kept)).executeUpdate();
        }
    }

    /** A snapshot's page of resources: those in (after, through] by id become exactly {@code kept}. */
    public void retainResources(UUID communityId, UUID after, UUID through, List<UUID> kept) {
        em.createNativeQuery("""
                        DELETE FROM community_resource WHERE community_id = :c
                          AND (CAST(:after AS uuid) IS NULL OR id > CAST(:after AS uuid))
                          AND (CAST(:through AS uuid) IS NULL OR id <= CAST(:through AS uuid))
                          AND NOT (id = ANY(CAST(:kept AS uuid[])))""")
                .setParameter("c", communityId)
                .setParameter("after", after == null ? null : after.toString())
                .setParameter("through", through == null ? null : through.toString())
                .setParameter("kept", SqlArrays.text(kept.stream().map(UUID::toString).toList()))
                .executeUpdate();
    }

    /**
     * Empties the projection, for a rebuild: DELETE rather than TRUNCATE, so that routing keeps reading the old rows
     * until the rebuild commits. The L&D desk roster comes from tokens, not events: it stays.
     */
    public void clear() {
        for (String table : List.of("community_view", "community_member", "member_skill", "community_resource")) {
            em.createNativeQuery("DELETE FROM " + table).executeUpdate();
        }
    }

    /** A library resource as someone may see it: its community's id and its title. */
    public record SeenResource(UUID communityId, String title) {
    }

    /** The resource, if its community is one the user can see (public, or theirs) and not archived. */
    public Optional<SeenResource> visibleResource(UUID resourceId, String userId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT c.community_id, c.title FROM community_resource c
                        JOIN community_view v ON v.id = c.community_id
                        WHERE c.id = :id AND NOT v.archived AND (v.visibility = 'PUBLIC' OR EXISTS (
                            SELECT 1 FROM community_member m WHERE m.community_id = v.id AND m.user_id = :u))""")
                .setParameter("id", resourceId).setParameter("u", userId).getResultList();
        return rows.stream().findFirst().map(r -> new SeenResource((UUID) r[0], (String) r[1]));
    }

    /** The community, if the user is one of its active members. */
    public Optional<KnownCommunity> communityOfMember(UUID id, String userId) {
        List<?> rows = em.createNativeQuery("SELECT v.id, v.name, v.visibility, v.archived FROM community_view v"
                        + " JOIN community_member m ON m.community_id = v.id AND m.user_id = :u WHERE v.id = :id")
                .setParameter("id", id).setParameter("u", userId).getResultList();
        return rows.stream().map(row -> (Object[]) row)
                .map(r -> new KnownCommunity((UUID) r[0], (String) r[1], (String) r[2], (Boolean) r[3])).findFirst();
    }

    /** The user's role in the community, empty when they are not an active member. */
    public Optional<String> role(UUID communityId, String userId) {
        return ScalarResults.list(em.createNativeQuery("SELECT role FROM community_member"
                        + " WHERE community_id = :c AND user_id = :u").setParameter("c", communityId)
                .setParameter("u", userId), String.class).stream().findFirst();
    }

    public boolean isManager(UUID communityId, String userId) {
        return role(communityId, userId).filter(r -> r.equals("OWNER") || r.equals("FACILITATOR")).isPresent();
    }

    public void recordDeskMember(String userId) {
        em.createNativeQuery("INSERT INTO ld_desk_member (user_id, last_seen_at) VALUES (:u, now())"
                        + " ON CONFLICT (user_id) DO UPDATE SET last_seen_at = now()")
                .setParameter("u", userId).executeUpdate();
    }

    /** The person no longer holds the desk role: no more escalations, and no visibility through them. */
    public int forgetDeskMember(String userId) {
        return em.createNativeQuery("DELETE FROM ld_desk_member WHERE user_id = :u").setParameter("u", userId)
                .executeUpdate();
    }

    /** Desk members not seen with the role since {@code cutoff}. */
    public int forgetDeskMembersNotSeenSince(java.time.Instant cutoff) {
        return em.createNativeQuery("DELETE FROM ld_desk_member WHERE last_seen_at < :cutoff")
                .setParameter("cutoff", java.sql.Timestamp.from(cutoff)).executeUpdate();
    }

    public List<String> deskMembers() {
        return ScalarResults.list(em.createNativeQuery("SELECT user_id FROM ld_desk_member ORDER BY user_id"),
                String.class);
    }
}
