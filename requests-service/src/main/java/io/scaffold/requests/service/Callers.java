package io.scaffold.requests.service;

import io.scaffold.platform.security.CurrentUser;
import io.scaffold.requests.config.RequestsConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The current caller, as the verified token says. Each call also tells the {@link DeskRoster} whether the token
 * carries the L&D desk role, so the desk follows the identity provider without a directory service.
 */
@ApplicationScoped
public class Callers {
    private final CurrentUser user;
    private final DeskRoster desk;
    private final RequestsConfig config;

    public Callers(CurrentUser user, DeskRoster desk, RequestsConfig config) {
        this.user = user;
        this.desk = desk;
        this.config = config;
    }

    public Caller current() {
        String id = user.id();
        boolean onDesk = user.hasRole(config.ldDesk().role());
        desk.note(id, onDesk);
        return new Caller(id, onDesk);
    }
}
