package io.scaffold.requests.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.scaffold.requests.config.RequestsConfig;
import io.scaffold.requests.repository.CommunityDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The L&D desk as the identity provider says it is: a caller whose verified token carries the desk role is on the
 * desk (the last rung of escalations); a caller whose token no longer carries it is taken off at once, and so is
 * anyone not seen with the role for {@code forget-after}. The database row is refreshed at most hourly per person
 * and replica, so ordinary calls write nothing.
 */
@ApplicationScoped
public class DeskRoster {
    private static final Duration REFRESH = Duration.ofHours(1);

    private final CommunityDirectory directory;
    private final RequestsConfig config;
    /** Desk members this replica knows of, with when it last wrote their row. */
    private final Map<String, Instant> known = new ConcurrentHashMap<>();

    public DeskRoster(CommunityDirectory directory, RequestsConfig config) {
        this.directory = directory;
        this.config = config;
    }

    /** Notes what the caller's verified token says of the desk role. */
    public void note(String userId, boolean hasDeskRole) {
        if (hasDeskRole) {
            Instant written = known.get(userId);
            if (written == null || written.isBefore(Instant.now().minus(REFRESH))) {
                QuarkusTransaction.requiringNew().run(() -> directory.recordDeskMember(userId));
                known.put(userId, Instant.now());
            }
        } else if (known.remove(userId) != null) {
            QuarkusTransaction.requiringNew().run(() -> directory.forgetDeskMember(userId));
        }
    }

    /** Reloads who is on the desk (another replica may have added or removed someone) and forgets the long unseen. */
    @Scheduled(every = "1m", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            directory.forgetDeskMembersNotSeenSince(Instant.now().minus(config.ldDesk().forgetAfter()));
            java.util.Set<String> onDesk = java.util.Set.copyOf(directory.deskMembers());
            known.keySet().retainAll(onDesk);
            onDesk.forEach(user -> known.putIfAbsent(user, Instant.EPOCH));
        });
    }
}
