package io.scaffold.requests.service;

import io.scaffold.requests.config.RequestsConfig;
import io.scaffold.requests.domain.EscalationLadder;
import io.scaffold.requests.domain.EscalationStep;
import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.event.EventPayloads;
import io.scaffold.requests.event.RequestEvents;
import io.scaffold.requests.repository.HelpRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * Climbs the ladder for requests nobody has responded to. State lives in the database (the reached level and when
 * the next rung is due), so restarts lose nothing, and rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas share the work without escalating a request twice.
 */
@ApplicationScoped
public class EscalationService {
    private final HelpRequestRepository requests;
    private final HelperRouting routing;
    private final RequestEvents events;
    private final RequestsConfig config;

    public EscalationService(HelpRequestRepository requests, HelperRouting routing, RequestEvents events,
            RequestsConfig config) {
        this.requests = requests;
        this.routing = routing;
        this.events = events;
        this.config = config;
    }

    /** Escalates one batch of due requests by one rung each; returns how many it escalated. */
    @Transactional
    public int escalateDueBatch(Instant now) {
        List<HelpRequest> due = requests.lockDueForEscalation(now, config.escalation().batchSize());
        for (HelpRequest request : due) {
            escalate(request, now);
        }
        return due.size();
    }

    private void escalate(HelpRequest request, Instant now) {
        EscalationLadder ladder = new EscalationLadder(config.escalation().ladder(request.urgency));
        EscalationStep step = ladder.nextStep(request.escalationLevel);
        if (step == null) {
            request.nextEscalationAt = null; // the ladder was shortened since this was scheduled
            return;
        }
        int level = step.level();
        List<String> audience = switch (step) {
            case NEXT_HELPERS -> routing.inviteHelpers(request, level, config.routing().escalationHelpers(), now);
            case FACILITATORS -> routing.inviteFacilitators(request, level, now);
            case LD_DESK -> routing.inviteDesk(request, level, now);
        };
        request.escalationLevel = level;
        request.nextEscalationAt = ladder.nextDue(request.createdAt, level);
        request.updatedAt = now;
        events.escalated(request, level, step.name(), new EventPayloads.Audience(step.audience().name(), audience,
                step == EscalationStep.LD_DESK ? config.ldDesk().role() : null));
    }
}
