package io.scaffold.platform.problem;

import io.scaffold.platform.security.BearerTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * RFC 9457 answers, the same documents {@link ProblemMappers} writes, for handlers that run on the HTTP router itself
 * rather than in a REST resource (the raw request guards, a live stream kept out of the REST layer for its memory):
 * a refusal they decide, a bearer token refused, or any failure as {@link FailureAnswer} answers it.
 */
public final class RouteProblems {
    private static final Logger LOG = Logger.getLogger(RouteProblems.class);
    private static final int MAX_INSTANCE_LENGTH = 256;

    private RouteProblems() {
    }

    public static void send(RoutingContext ctx, ProblemType type, String detail, List<FieldError> errors) {
        JsonObject problem = new JsonObject()
                .put("type", type.uri())
                .put("title", type.title())
                .put("status", type.status())
                .put("detail", detail)
                .put("instance", instance(ctx.request().uri()));
        if (errors != null && !errors.isEmpty()) {
            JsonArray fields = new JsonArray();
            errors.forEach(error -> fields.add(new JsonObject().put("field", error.field())
                    .put("message", error.message())));
            problem.put("errors", fields);
        }
        ctx.response().setStatusCode(type.status())
                .putHeader("Content-Type", ProblemDetail.MEDIA_TYPE)
                .end(problem.encode());
    }

    /** A 401 that names the scheme to use, as every REST resource answers it. */
    public static void unauthorized(RoutingContext ctx, String detail) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        send(ctx, ProblemType.UNAUTHENTICATED, detail, List.of());
    }

    /**
     * Any failure of a handler: a bearer token refused (401), else as a REST resource's failure is answered
     * ({@link FailureAnswer}).
     */
    public static void send(RoutingContext ctx, Throwable failure) {
        if (ctx.response().headWritten()) {
            LOG.warnf("%s failed after its answer began: %s", ctx.request().path(), Failures.rootMessage(failure));
            ctx.response().reset();
            return;
        }
        if (failure instanceof BearerTokens.Refused refused) {
            unauthorized(ctx, refused.getMessage());
            return;
        }
        FailureAnswer answer = FailureAnswer.of(failure, ctx.request().path());
        if (answer.retryAfter() != null) {
            ctx.response().putHeader("Retry-After", answer.retryAfter());
        }
        send(ctx, answer.type(), answer.detail(), answer.errors());
    }

    /** The path, without NUL and cut to a sensible length (an over-long target may be what is being refused). */
    private static String instance(String target) {
        int query = target.indexOf('?');
        String path = (query < 0 ? target : target.substring(0, query)).replace("\u0000", "");
        return path.length() > MAX_INSTANCE_LENGTH ? path.substring(0, MAX_INSTANCE_LENGTH) : path;
    }
}
