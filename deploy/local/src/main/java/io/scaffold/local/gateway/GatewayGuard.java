package io.scaffold.local.gateway;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gateway's input limits, the same the services apply (README, API conventions), checked before routing so that
 * an oversized or path-bending request gets a problem+json answer from the gateway instead of a bare status: a target
 * over 8 KB (414), headers over 16 KB (431), a declared body over 1 MB (413), {@code .} or {@code ..} segments (400:
 * the router would resolve them and could reach another service).
 */
final class GatewayGuard {
    static final int MAX_URI_LENGTH = 8192;
    static final int MAX_HEADER_BYTES = 16384;
    static final long MAX_BODY_BYTES = 1024 * 1024;
    /** What the HTTP parser accepts at most: far above the limits, so that the guard answers, not the parser. */
    static final int PARSER_LIMIT = 262144;

    private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final Pattern DOT_SEGMENT = Pattern.compile("(^|/)(\\.|%2e){1,2}(/|$|;)", Pattern.CASE_INSENSITIVE);

    private GatewayGuard() {
    }

    static void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String target = request.uri();
        if (target.length() > MAX_URI_LENGTH) {
            GatewayProblems.send(ctx, 414, "The request target has " + target.length() + " characters; at most "
                    + MAX_URI_LENGTH + " are accepted");
            return;
        }
        long headerBytes = headerBytes(request);
        if (headerBytes > MAX_HEADER_BYTES) {
            GatewayProblems.send(ctx, 431, "The request headers have " + headerBytes + " bytes; at most "
                    + MAX_HEADER_BYTES + " are accepted");
            return;
        }
        if (hasDotSegment(GatewayProblems.pathOf(target))) {
            GatewayProblems.send(ctx, 400, "path: '.' and '..' segments are not accepted; send the resource's own path",
                    GatewayProblems.field("path", "must not contain '.' or '..' segments"));
            return;
        }
        long declared = declaredBodyLength(request);
        if (declared > MAX_BODY_BYTES) {
            ctx.response().putHeader("Connection", "close").endHandler(done -> request.connection().close());
            GatewayProblems.send(ctx, 413, "The request body has " + declared + " bytes; at most "
                    + MAX_BODY_BYTES + " are accepted");
            return;
        }
        ctx.next();
    }

    /**
     * Whether the gateway can hand this request to a service straight away: every check above passes, and its path
     * is already in normal form (no percent-encoding, no empty segment), so routing it as it came routes it as the
     * router would after normalising.
     */
    static boolean admitsAsItCame(HttpServerRequest request) {
        String path = request.path();
        return path != null && request.uri().length() <= MAX_URI_LENGTH && path.indexOf('%') < 0
                && !path.contains("//") && !hasDotSegment(path) && headerBytes(request) <= MAX_HEADER_BYTES
                && declaredBodyLength(request) <= MAX_BODY_BYTES;
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private static boolean hasDotSegment(String path) {
        // most paths have neither a dot nor an escape: the pattern only runs on those that may hold one
        return (path.indexOf('.') >= 0 || path.indexOf('%') >= 0) && DOT_SEGMENT.matcher(path).find();
    }

    /** The Content-Length a request with a body declares; -1 when none (or not a body method). */
    private static long declaredBodyLength(HttpServerRequest request) {
        return BODY_METHODS.contains(request.method()) ? declaredLength(request.getHeader("Content-Length")) : -1;
    }

    private static long declaredLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
