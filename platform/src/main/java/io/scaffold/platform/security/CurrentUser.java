package io.scaffold.platform.security;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * The caller of the current request, as the verified bearer token says: the token's subject is the user id, the
 * {@code groups} claim holds the roles. Nothing else identifies a caller.
 */
@RequestScoped
public class CurrentUser {
    private final JsonWebToken token;
    private final SecurityIdentity identity;

    public CurrentUser(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    /** The caller's user id; fails with 401 when the request carries no verified token. */
    public String id() {
        String subject = identity.isAnonymous() ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("no verified bearer token");
        }
        return subject;
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
