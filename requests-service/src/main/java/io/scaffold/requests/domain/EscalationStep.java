package io.scaffold.requests.domain;

/**
 * The rungs of the ladder a request climbs while nobody has responded: each widens the audience. Level 1 is the
 * first escalation (level 0 is the helpers invited at creation).
 */
public enum EscalationStep {
    NEXT_HELPERS(AudienceKind.HELPER), FACILITATORS(AudienceKind.FACILITATOR), LD_DESK(AudienceKind.LD_DESK);

    private final AudienceKind audience;

    EscalationStep(AudienceKind audience) {
        this.audience = audience;
    }

    public AudienceKind audience() {
        return audience;
    }

    /** The step reached at {@code level} (1-based). */
    public static EscalationStep atLevel(int level) {
        return values()[level - 1];
    }

    public int level() {
        return ordinal() + 1;
    }
}
