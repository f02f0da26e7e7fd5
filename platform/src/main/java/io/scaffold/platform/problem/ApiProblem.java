package io.scaffold.platform.problem;

import java.util.List;

/**
 * A failure a use case reports to the caller, mapped to a problem+json answer. Services throw it instead of building
 * responses: {@code throw ApiProblem.notFound("community", id)}.
 */
public class ApiProblem extends RuntimeException {
    private final ProblemType type;
    private final List<FieldError> errors;
    private Long retryAfterSeconds;

    public ApiProblem(ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(ProblemType.NOT_FOUND, what + " " + id + " does not exist or is not visible to you");
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(ProblemType.FORBIDDEN, detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(ProblemType.CONFLICT, detail);
    }

    public static ApiProblem preconditionFailed(String detail) {
        return new ApiProblem(ProblemType.PRECONDITION_FAILED, detail);
    }

    public static ApiProblem unprocessable(String field, String message) {
        return new ApiProblem(ProblemType.UNPROCESSABLE, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static ApiProblem invalid(String field, String message) {
        return new ApiProblem(ProblemType.VALIDATION, field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** A 429 or 503 that tells the client how long to wait. */
    public static ApiProblem retryLater(ProblemType type, String detail, long seconds) {
        ApiProblem problem = new ApiProblem(type, detail);
        problem.retryAfterSeconds = Math.max(1, seconds);
        return problem;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ProblemType type() {
        return type;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
