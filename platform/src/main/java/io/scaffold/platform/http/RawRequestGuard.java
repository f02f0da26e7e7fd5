package io.scaffold.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.scaffold.platform.problem.FieldError;
import io.scaffold.platform.problem.ProblemType;
import io.scaffold.platform.problem.RouteProblems;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Looks at the raw request before routing, in one place for every service, and refuses what no resource should ever
 * see, as problem+json: a request target or headers over the limits (414, 431), a body over the limit (413), a NUL
 * character anywhere in the target or a header (PostgreSQL cannot store it), {@code .} or {@code ..} path segments
 * (the router would resolve them, so {@code /members/../} would reach the community itself), and a body without a
 * {@code Content-Type} (415).
 */
@ApplicationScoped
public class RawRequestGuard {
    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)(\\.|%2e){1,2}(/|$|\\?|;)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENCODED_NUL = Pattern.compile("%00");

    private final HttpLimits limits;
    private final long maxBodyBytes;

    public RawRequestGuard(HttpLimits limits,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.limits = limits;
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
        // A body sent in chunks declares no length: it is read here up to the limit, so that going over it is a
        // failure this guard answers (413 problem+json) rather than the HTTP layer's bare 413.
        io.vertx.ext.web.handler.BodyHandler chunked = io.vertx.ext.web.handler.BodyHandler.create(false)
                .setBodyLimit(maxBodyBytes == Long.MAX_VALUE ? -1 : maxBodyBytes);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            if (BODY_METHODS.contains(request.method()) && request.getHeader("Content-Length") == null
                    && request.getHeader("Transfer-Encoding") != null) {
                chunked.handle(ctx);
            } else {
                ctx.next();
            }
        });
        router.route().order(Integer.MIN_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                ctx.response().putHeader("Connection", "close");
                refuse(ctx, ProblemType.CONTENT_TOO_LARGE, "The request body is over " + maxBodyBytes
                        + " bytes, the most that is accepted", "body", null);
            } else {
                ctx.next();
            }
        });
    }

    void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String target = request.uri();
        String path = rawPath(target);
        if (target.length() > limits.maxUriLength()) {
            refuse(ctx, ProblemType.URI_TOO_LONG, "The request target has " + target.length()
                    + " characters; at most " + limits.maxUriLength() + " are accepted", "uri", null);
            return;
        }
        long headerBytes = headerBytes(request.headers());
        if (headerBytes > limits.maxHeaderBytes()) {
            refuse(ctx, ProblemType.HEADERS_TOO_LARGE, "The request headers have " + headerBytes
                    + " bytes; at most " + limits.maxHeaderBytes() + " are accepted", "headers", null);
            return;
        }
        if (ENCODED_NUL.matcher(target).find() || target.indexOf('\u0000') >= 0) {
            String field = nulField(request, path);
            refuse(ctx, ProblemType.VALIDATION, field + ": must not contain the NUL character (U+0000)",
                    field, "must not contain the NUL character (U+0000)");
            return;
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (header.getValue().indexOf('\u0000') >= 0) {
                refuse(ctx, ProblemType.VALIDATION, header.getKey()
                        + ": must not contain the NUL character (U+0000)", header.getKey(),
                        "must not contain the NUL character (U+0000)");
                return;
            }
        }
        if (DOT_SEGMENT.matcher(path).find()) {
            refuse(ctx, ProblemType.VALIDATION,
                    "path: '.' and '..' segments are not accepted; send the resource's own path", "path",
                    "must not contain '.' or '..' segments");
            return;
        }
        if (BODY_METHODS.contains(request.method())) {
            String length = request.getHeader("Content-Length");
            long declared = parseLength(length);
            if (declared > maxBodyBytes) {
                // The body is never read: close once answered, so the client stops sending it.
                ctx.response().putHeader("Connection", "close")
                        .endHandler(done -> request.connection().close());
                refuse(ctx, ProblemType.CONTENT_TOO_LARGE, "The request body has " + declared + " bytes; at most "
                        + maxBodyBytes + " are accepted", "body", null);
                return;
            }
            boolean hasBody = declared > 0 || (length == null && request.getHeader("Transfer-Encoding") != null);
            String contentType = request.getHeader("Content-Type");
            if (hasBody && (contentType == null || contentType.isBlank())) {
                refuse(ctx, ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "The request has a body but no Content-Type; send Content-Type: application/json",
                        "Content-Type", "is required with a body (application/json)");
                return;
            }
        }
        ctx.next();
    }

    private static String rawPath(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** The query parameter that carries the NUL, or {@code path}. */
    private static String nulField(HttpServerRequest request, String path) {
        if (ENCODED_NUL.matcher(path).find() || path.indexOf('\u0000') >= 0) {
            return "path";
        }
        try {
            for (Map.Entry<String, String> parameter : request.params()) {
                if (parameter.getKey().indexOf('\u0000') >= 0 || parameter.getValue().indexOf('\u0000') >= 0) {
                    return parameter.getKey().replace('\u0000', '?');
                }
            }
        } catch (RuntimeException undecodable) {
            // a query that cannot even be decoded: name the query as a whole
        }
        return "query";
    }

    private static long headerBytes(MultiMap headers) {
        long total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static long parseLength(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP parser itself refuses a malformed Content-Length
        }
    }

    static void refuse(RoutingContext ctx, ProblemType type, String detail, String field, String message) {
        RouteProblems.send(ctx, type, detail, message == null ? List.of() : List.of(new FieldError(field, message)));
    }
}
