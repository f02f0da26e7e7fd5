package io.scaffold.requests.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a request that nobody answered climbs to its next rung. Delays count from creation, so a restart or a late
 * scan never pushes the ladder back.
 */
public final class EscalationLadder {
    private final List<Duration> delays;

    public EscalationLadder(List<Duration> delays) {
        if (delays.size() > EscalationStep.values().length) {
            throw new IllegalArgumentException("The ladder has " + EscalationStep.values().length + " rungs, not "
                    + delays.size());
        }
        this.delays = List.copyOf(delays);
    }

    /** When the rung after {@code reachedLevel} is due, or null when the ladder ends there. */
    public Instant nextDue(Instant createdAt, int reachedLevel) {
        return reachedLevel < delays.size() ? createdAt.plus(delays.get(reachedLevel)) : null;
    }

    /** The rung that comes after {@code reachedLevel}, or null at the top. */
    public EscalationStep nextStep(int reachedLevel) {
        return reachedLevel < delays.size() ? EscalationStep.atLevel(reachedLevel + 1) : null;
    }
}
