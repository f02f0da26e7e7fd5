package io.scaffold.requests.config;

import io.scaffold.requests.domain.Urgency;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything requests-service can be tuned with ({@code scaffold.requests.*}, or SCAFFOLD_REQUESTS_* variables). */
@ConfigMapping(prefix = "scaffold.requests")
public interface RequestsConfig {

    /** Page size when the client sends no {@code limit}. */
    @WithDefault("20")
    int defaultPageSize();

    /** The largest {@code limit} a client may ask for. */
    @WithDefault("100")
    int maxPageSize();

    /** How long after resolving or cancelling the requester may reopen. */
    @WithDefault("P7D")
    Duration reopenWindow();

    /** How long an Idempotency-Key is remembered: a retry within it gets the first result. */
    @WithDefault("P1D")
    Duration idempotencyRetention();

    Routing routing();

    Escalation escalation();

    LdDesk ldDesk();

    Suggestions suggestions();

    /** Help before asking. */
    interface Suggestions {
        /** How often each replica adds the words of new request titles to the typo-correction list (edits: at once). */
        @WithDefault("30s")
        String vocabularyRefresh();
    }

    interface Routing {
        /** Helpers invited when a request is created. */
        @WithDefault("3")
        int initialHelpers();

        /** Further helpers invited by the first escalation step. */
        @WithDefault("3")
        int escalationHelpers();

        /** Nobody is asked more often than this in 7 days; they are skipped until older invitations age out. */
        @WithDefault("5")
        int maxInvitationsPerWeek();

        /** Facilitators invited at most when a request outside any community escalates to facilitators. */
        @WithDefault("10")
        int maxFacilitators();
    }

    interface Escalation {
        /**
         * Delays after creation, one per rung (next helpers, facilitators, L&D desk), as ISO-8601 durations; a
         * shorter list stops the ladder earlier.
         */
        @WithDefault("P1D,P3D,P7D")
        List<Duration> low();

        @WithDefault("PT4H,P1D,P2D")
        List<Duration> normal();

        @WithDefault("PT1H,PT4H,PT8H")
        List<Duration> high();

        @WithDefault("PT15M,PT1H,PT4H")
        List<Duration> blocking();

        /** How often each replica looks for due escalations. */
        @WithDefault("15s")
        String scanInterval();

        /** Requests escalated per transaction. */
        @WithDefault("200")
        int batchSize();

        default List<Duration> ladder(Urgency urgency) {
            return switch (urgency) {
                case LOW -> low();
                case NORMAL -> normal();
                case HIGH -> high();
                case BLOCKING -> blocking();
            };
        }
    }

    interface LdDesk {
        /** The token role that makes someone part of the L&D desk. */
        @WithDefault("ld-desk")
        String role();

        /** Desk members known in advance (people seen with the role in a verified token are added on the way). */
        Optional<List<String>> users();

        /**
         * A person seen with the role is forgotten after this long without being seen with it again (and at once
         * when they call with a token that no longer carries it): the desk follows the identity provider.
         */
        @WithDefault("P30D")
        java.time.Duration forgetAfter();
    }
}
