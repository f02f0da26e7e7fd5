package io.scaffold.platform.security;

import io.scaffold.platform.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operators' APIs (dead letters, projections, snapshots) are for callers with the role {@code scaffold.ops.role}
 * (default {@code ops}): they hold other people's data and change every service's state.
 */
@ApplicationScoped
public class Operators {
    private final CurrentUser user;
    private final String role;

    public Operators(CurrentUser user, @ConfigProperty(name = "scaffold.ops.role", defaultValue = "ops") String role) {
        this.user = user;
        this.role = role;
    }

    /** @return the operator's user id; 403 problem+json for anyone else */
    public String require(String what) {
        if (!user.hasRole(role)) {
            throw ApiProblem.forbidden(what + " are for operators: the role " + role + " is needed");
        }
        return user.id();
    }
}
