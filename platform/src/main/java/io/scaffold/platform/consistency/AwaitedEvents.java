package io.scaffold.platform.consistency;

import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.problem.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.persistence.EntityManager;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The events the caller says it has caused elsewhere ({@value ConsistencyHeaders#AFTER_EVENTS}: ids from another
 * service's {@value ConsistencyHeaders#EVENTS}). A service calls {@link #refuseIfNotYetApplied(String)} where it is
 * about to refuse on the strength of what its consumers have applied (a membership it has not heard of yet): while
 * any named event is still unapplied, the answer is 409 {@code catching-up} with {@code Retry-After}, which a client
 * can tell from a real refusal. Checked on that refusal path only, so an ordinary request never waits for it. Event
 * ids are UUIDv7, so an id tells when its event was made: one still unapplied 30 s later is no longer waited for (the
 * normal answer stands), so a retrying client never loops for ever.
 */
@RequestScoped
public class AwaitedEvents {
    static final int MAX_IDS = 20;
    /** An event still unapplied this long after it was made is not coming soon: the normal answer stands. */
    static final java.time.Duration HORIZON = java.time.Duration.ofSeconds(30);

    private final HttpServerRequest request;
    private final EntityManager entityManager;

    public AwaitedEvents(HttpServerRequest request, EntityManager entityManager) {
        this.request = request;
        this.entityManager = entityManager;
    }

    /** @param what what the service would refuse over, for the message: "your membership of Kafka practitioners" */
    public void refuseIfNotYetApplied(String what) {
        Set<String> ids = namedIds();
        if (ids.isEmpty()) {
            return;
        }
        Number applied = (Number) entityManager.createNativeQuery(
                        "SELECT count(DISTINCT event_id) FROM scaffold_processed_event WHERE event_id = ANY(:ids)")
                .setParameter("ids", ids.toArray(String[]::new))
                .getSingleResult();
        if (applied.intValue() < ids.size()) {
            throw new ApiProblem(ProblemType.CATCHING_UP, "This service has not yet applied " + (ids.size()
                    - applied.intValue()) + " of the events named in " + ConsistencyHeaders.AFTER_EVENTS
                    + " (" + what + "); retry after Retry-After seconds");
        }
    }

    private Set<String> namedIds() {
        String header = request.getHeader(ConsistencyHeaders.AFTER_EVENTS);
        if (header == null || header.isBlank()) {
            return Set.of();
        }
        List<String> values = Arrays.stream(header.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (values.size() > MAX_IDS) {
            throw ApiProblem.invalid(ConsistencyHeaders.AFTER_EVENTS, "at most " + MAX_IDS + " event ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String value : values) {
            UUID id;
            try {
                id = UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid(ConsistencyHeaders.AFTER_EVENTS, "must be comma-separated event ids (UUIDs)");
            }
            if (id.version() != 7) {
                throw ApiProblem.invalid(ConsistencyHeaders.AFTER_EVENTS,
                        "must be event ids from a Scaffold-Events header (UUIDv7)");
            }
            long madeAt = id.getMostSignificantBits() >>> 16; // UUIDv7: milliseconds since the epoch
            long age = System.currentTimeMillis() - madeAt;
            if (age >= -HORIZON.toMillis() && age <= HORIZON.toMillis()) {
                ids.add(id.toString()); // older ids are no longer waited for; ids from the future are not believed
            }
        }
        return ids;
    }
}
