package io.scaffold.platform.people;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scaffold.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The people this service has heard of, with their claims: recorded when one calls (first time, or claims changed),
 * announced once per change as {@code scaffold.person.updated.v1} from the same transaction (the outbox).
 */
@ApplicationScoped
public class KnownPeople {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(KnownPeople.class);
    public static final String PERSON_UPDATED = "scaffold.person.updated.v1";

    private final EntityManager em;
    private final Outbox outbox;
    private final PeopleConfig config;
    private final Cache<String, String> fingerprints;

    public KnownPeople(EntityManager em, Outbox outbox, PeopleConfig config) {
        this.em = em;
        this.outbox = outbox;
        this.config = config;
        this.fingerprints = Caffeine.newBuilder().maximumSize(config.cacheSize()).build();
    }

    /**
     * As {@link #seen}, but a failure is logged instead of thrown: recording a caller never fails their call (it is
     * retried on their next one).
     */
    public void recordQuietly(PersonClaims claims) {
        if (isCurrent(claims)) {
            return;
        }
        try {
            seen(claims);
        } catch (RuntimeException failure) {
            LOG.warnf("could not record the claims of %s (retried on their next call): %s", claims.userId(),
                    failure.toString());
        }
    }

    /** Whether this replica recorded exactly these claims already. */
    public boolean isCurrent(PersonClaims claims) {
        return claims.fingerprint().equals(fingerprints.getIfPresent(claims.userId()));
    }

    /**
     * Records a caller's claims unless this replica saw the same ones already; its own transaction. A claim the
     * token lacks keeps its known value; a token with none of them says nothing about the person.
     */
    public void seen(PersonClaims claims) {
        if (isCurrent(claims)) {
            return;
        }
        if (claims.isEmpty()) {
            fingerprints.put(claims.userId(), claims.fingerprint());
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QuarkusTransaction.requiringNew().run(() -> {
            PersonClaims changed = merge(claims, now);
            if (changed != null && config.publishEvents()) {
                outbox.recordAside("person", claims.userId(), PERSON_UPDATED, event(changed, now));
            }
        });
        fingerprints.put(claims.userId(), claims.fingerprint());
    }

    /** @return the person as now recorded when that changed (a new person, or a claim with a new value), else null */
    private PersonClaims merge(PersonClaims claims, Instant at) {
        List<Object[]> rows = em.createNativeQuery("""
                        INSERT INTO known_person AS k (user_id, name, email, zoneinfo, locale, observed_at)
                        VALUES (:u, :name, :email, :zone, :locale, :at)
                        ON CONFLICT (user_id) DO UPDATE SET name = coalesce(excluded.name, k.name),
                            email = coalesce(excluded.email, k.email), zoneinfo = coalesce(excluded.zoneinfo, k.zoneinfo),
                            locale = coalesce(excluded.locale, k.locale), observed_at = excluded.observed_at
                        WHERE (coalesce(excluded.name, k.name), coalesce(excluded.email, k.email),
                               coalesce(excluded.zoneinfo, k.zoneinfo), coalesce(excluded.locale, k.locale))
                              IS DISTINCT FROM (k.name, k.email, k.zoneinfo, k.locale)
                        RETURNING name, email, zoneinfo, locale""", Object[].class)
                .setParameter("u", claims.userId()).setParameter("name", claims.name())
                .setParameter("email", claims.email()).setParameter("zone", claims.zoneinfo())
                .setParameter("locale", claims.locale()).setParameter("at", Timestamp.from(at)).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new PersonClaims(claims.userId(), (String) row[0], (String) row[1], (String) row[2], (String) row[3]);
    }

    /**
     * Applies what another service recorded at {@code observedAt} (its event states the person in full), unless this
     * service holds newer claims: events of two services about one person may arrive in either order. Runs in the
     * caller's transaction.
     */
    public void observed(PersonClaims claims, Instant observedAt) {
        em.createNativeQuery("""
                        INSERT INTO known_person AS k (user_id, name, email, zoneinfo, locale, observed_at)
                        VALUES (:u, :name, :email, :zone, :locale, :at)
                        ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, email = excluded.email,
                            zoneinfo = excluded.zoneinfo, locale = excluded.locale, observed_at = excluded.observed_at
                        WHERE k.observed_at < excluded.observed_at""")
                .setParameter("u", claims.userId()).setParameter("name", claims.name())
                .setParameter("email", claims.email()).setParameter("zone", claims.zoneinfo())
                .setParameter("locale", claims.locale())
                .setParameter("at", Timestamp.from(observedAt.truncatedTo(ChronoUnit.MICROS))).executeUpdate();
        fingerprints.invalidate(claims.userId());
    }

    /** The recorded claims of these people (absent: never seen). */
    public Map<String, PersonClaims> find(List<String> userIds) {
        Map<String, PersonClaims> people = new LinkedHashMap<>();
        if (userIds.isEmpty()) {
            return people;
        }
        List<Object[]> rows = em.createNativeQuery("SELECT user_id, name, email, zoneinfo, locale FROM known_person"
                        + " WHERE user_id = ANY(CAST(:users AS text[]))", Object[].class)
                .setParameter("users", io.scaffold.platform.sql.SqlArrays.text(userIds)).getResultList();
        rows.forEach(row -> people.put((String) row[0], new PersonClaims((String) row[0], (String) row[1],
                (String) row[2], (String) row[3], (String) row[4])));
        return people;
    }

    private static Map<String, Object> event(PersonClaims claims, Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", claims.userId());
        data.put("name", claims.name());
        data.put("email", claims.email());
        data.put("zoneinfo", claims.zoneinfo());
        data.put("locale", claims.locale());
        data.put("observedAt", now.toString());
        return data;
    }
}
