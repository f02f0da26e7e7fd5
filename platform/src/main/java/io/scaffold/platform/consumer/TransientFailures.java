package io.scaffold.platform.consumer;

import io.scaffold.platform.problem.Failures;

import java.sql.SQLException;
import java.util.Set;

/**
 * Failures that say nothing about the event: the database is down or refusing connections, a lock or a statement
 * timed out, a transaction lost a deadlock or a serialization conflict. Waiting and trying again applies the event;
 * dead-lettering it would lose it for good.
 */
final class TransientFailures {
    /** Serialization failure, deadlock, lock not available, statement cancelled (timeout). */
    private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01", "55P03", "57014");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        if (Failures.isUnavailableDependency(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof jakarta.persistence.QueryTimeoutException
                    || cause instanceof jakarta.persistence.LockTimeoutException
                    || cause instanceof jakarta.persistence.PessimisticLockException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && RETRYABLE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
