package io.scaffold.requests.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.scaffold.platform.security.CurrentUser;
import io.scaffold.requests.config.RequestsConfig;
import io.scaffold.requests.repository.CommunityDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current caller. People presenting the L&D desk role are remembered (once per replica), so escalations can
 * reach the desk without a directory service.
 */
@ApplicationScoped
public class Callers {
    private final CurrentUser user;
    private final CommunityDirectory directory;
    private final RequestsConfig config;
    private final Set<String> deskMembersSeen = ConcurrentHashMap.newKeySet();

    public Callers(CurrentUser user, CommunityDirectory directory, RequestsConfig config) {
        this.user = user;
        this.directory = directory;
        this.config = config;
    }

    public Caller current() {
        String id = user.id();
        boolean desk = user.hasRole(config.ldDesk().role());
        if (desk && deskMembersSeen.add(id)) {
            QuarkusTransaction.requiringNew().run(() -> directory.recordDeskMember(id));
        }
        return new Caller(id, desk);
    }
}
