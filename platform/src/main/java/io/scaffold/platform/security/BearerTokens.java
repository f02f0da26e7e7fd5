package io.scaffold.platform.security;

import io.scaffold.platform.people.KnownPeople;
import io.scaffold.platform.people.PersonClaims;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a handler that runs on the HTTP router, outside the REST layer: the subject of the bearer token in
 * its {@code Authorization} header, verified exactly as the REST layer verifies it (the same {@code mp.jwt.verify.*}
 * key, issuer, audience and expiry), with the caller's claims recorded as on every API call. Blocking (the key may
 * be fetched, the claims written): call it on a worker thread.
 */
@ApplicationScoped
public class BearerTokens {
    private static final String SCHEME = "bearer ";

    private final JWTParser parser;
    private final KnownPeople people;

    public BearerTokens(JWTParser parser, KnownPeople people) {
        this.parser = parser;
        this.people = people;
    }

    /** A 401: the header is missing, not a bearer token, or the token does not verify. */
    public static final class Refused extends RuntimeException {
        Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    /** @return the verified caller's user id */
    public String caller(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new Refused("A valid bearer token is required");
        }
        JsonWebToken token;
        try {
            token = parser.parse(authorization.substring(SCHEME.length()).strip());
        } catch (ParseException invalid) {
            throw new Refused("The bearer token is missing, invalid or expired");
        }
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new Refused("A valid bearer token is required");
        }
        people.recordQuietly(PersonClaims.of(token));
        return subject;
    }
}
