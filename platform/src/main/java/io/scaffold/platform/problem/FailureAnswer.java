package io.scaffold.platform.problem;

import org.jboss.logging.Logger;

import java.util.List;

/**
 * How a failure is answered, whichever layer answers it (a REST resource through {@link ProblemMappers}, a router
 * handler through {@link RouteProblems}): the problem, and the seconds to wait before retrying (null when retrying
 * will not help). What needs an operator's eye is logged here, once.
 */
record FailureAnswer(ProblemType type, String detail, List<FieldError> errors, String retryAfter) {
    private static final Logger LOG = Logger.getLogger(FailureAnswer.class);

    static FailureAnswer of(Throwable failure, String path) {
        if (failure instanceof ApiProblem problem) {
            return new FailureAnswer(problem.type(), problem.getMessage(), problem.errors(), retryAfter(problem));
        }
        if (Failures.isUnavailableDependency(failure)) {
            LOG.warnf("%s: a dependency is unavailable (%s)", path, Failures.rootMessage(failure));
            return new FailureAnswer(ProblemType.UNAVAILABLE,
                    "A service this one depends on is unavailable; retry in a few seconds", List.of(),
                    Failures.RETRY_AFTER_SECONDS);
        }
        if (Failures.isDataException(failure)) {
            // A value that passed validation but that the database refuses (out of range, too long for an index):
            // the input is at fault, so a 400, and logged so that validation can be taught to catch it first.
            LOG.warnf("%s: the database refused a value (%s)", path, Failures.rootMessage(failure));
            return new FailureAnswer(ProblemType.VALIDATION,
                    "A value in the request is out of the range the service accepts",
                    List.of(new FieldError("body", "holds a value out of the accepted range")), null);
        }
        LOG.errorf(failure, "unexpected failure on %s", path);
        return new FailureAnswer(ProblemType.INTERNAL, "The request could not be completed; it has been logged",
                List.of(), null);
    }

    private static String retryAfter(ApiProblem problem) {
        if (problem.type() == ProblemType.CATCHING_UP) {
            return "1";
        }
        if (problem.type() == ProblemType.UNAVAILABLE || problem.type() == ProblemType.TOO_MANY_REQUESTS) {
            return problem.retryAfterSeconds() == null ? Failures.RETRY_AFTER_SECONDS
                    : problem.retryAfterSeconds().toString();
        }
        return null;
    }
}
