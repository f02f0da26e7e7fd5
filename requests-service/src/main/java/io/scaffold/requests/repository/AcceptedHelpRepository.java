package io.scaffold.requests.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;

/** Help a person gave that was accepted, counted per tag: it ranks them higher the next time those tags come up. */
@ApplicationScoped
public class AcceptedHelpRepository {
    private final EntityManager em;

    public AcceptedHelpRepository(EntityManager em) {
        this.em = em;
    }

    public void credit(String userId, List<String> tags) {
        for (String tag : tags) {
            em.createNativeQuery("""
                    INSERT INTO accepted_help (user_id, tag, accepted_count) VALUES (:u, :t, 1)
                    ON CONFLICT (user_id, tag) DO UPDATE SET accepted_count = accepted_help.accepted_count + 1""")
                    .setParameter("u", userId).setParameter("t", tag).executeUpdate();
        }
    }
}
