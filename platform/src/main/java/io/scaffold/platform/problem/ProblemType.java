package io.scaffold.platform.problem;

/** The problem types the suite answers with; each {@code type} URI identifies one kind of failure for clients. */
public enum ProblemType {
    VALIDATION(400, "Invalid request", "validation"),
    MALFORMED(400, "Malformed request body", "malformed-body"),
    UNAUTHENTICATED(401, "Authentication required", "unauthenticated"),
    FORBIDDEN(403, "Forbidden", "forbidden"),
    NOT_FOUND(404, "Not found", "not-found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable", "not-acceptable"),
    CONFLICT(409, "Conflict", "conflict"),
    CATCHING_UP(409, "Catching up", "catching-up"),
    PRECONDITION_FAILED(412, "Precondition failed", "precondition-failed"),
    CONTENT_TOO_LARGE(413, "Content too large", "content-too-large"),
    URI_TOO_LONG(414, "URI too long", "uri-too-long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),
    UNPROCESSABLE(422, "Unprocessable request", "unprocessable"),
    PRECONDITION_REQUIRED(428, "Precondition required", "precondition-required"),
    TOO_MANY_REQUESTS(429, "Too many requests", "too-many-requests"),
    HEADERS_TOO_LARGE(431, "Request header fields too large", "headers-too-large"),
    INTERNAL(500, "Internal error", "internal"),
    UNAVAILABLE(503, "Service unavailable", "unavailable");

    /** Base of the {@code type} URIs (URNs: stable identifiers, not links); the README lists them. */
    public static final String BASE_URI = "urn:scaffold:problem:";

    private final int status;
    private final String title;
    private final String slug;

    ProblemType(int status, String title, String slug) {
        this.status = status;
        this.title = title;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return BASE_URI + slug;
    }

    /** The type for a status that has no more specific cause. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : VALIDATION;
    }
}
