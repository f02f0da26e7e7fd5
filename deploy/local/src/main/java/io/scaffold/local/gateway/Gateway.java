package io.scaffold.local.gateway;

import io.scaffold.local.DevIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.httpproxy.HttpProxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The local stack's gateway: routes {@code /api/<service>/**} to the owning service as the {@code HTTPRoute}s say,
 * streams responses as they come (Server-Sent Events included), adds {@code X-Request-Id}, answers CORS for the
 * configured origins, reports the readiness of the whole suite and, in the local stack only, issues dev tokens.
 */
public final class Gateway implements AutoCloseable {
    static final String REQUEST_ID = "X-Request-Id";
    static final String TRACEPARENT = "traceparent";
    /** W3C trace context level 1: version 00, a non-zero trace id and parent id, flags. */
    private static final java.util.regex.Pattern VALID_TRACEPARENT = java.util.regex.Pattern.compile(
            "00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final Vertx vertx;
    private final HttpClient client;
    private final HttpServer server;

    private Gateway(Vertx vertx, HttpClient client, HttpServer server) {
        this.vertx = vertx;
        this.client = client;
        this.server = server;
    }

    /**
     * @param backends the local port of each Kubernetes Service named in the routes
     * @param identity signs dev tokens; {@code null} turns {@code /dev/token} off
     */
    public static Gateway start(String host, int port, RouteTable routes, Map<String, Integer> backends,
            List<String> corsOrigins, DevIdentity identity) {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(200)
                .setKeepAlive(true)
                .setConnectTimeout(5000));
        Router router = Router.router(vertx);
        router.route().handler(Gateway::requestId);
        router.route().handler(Gateway::traceContext);
        router.route().handler(GatewayGuard::check);
        // Whatever the gateway refuses itself (CORS included) is answered as problem+json.
        router.route().failureHandler(ctx -> GatewayProblems.send(ctx, ctx.statusCode() < 400 ? 500 : ctx.statusCode(),
                ctx.statusCode() == 403 ? "The origin " + ctx.request().getHeader("Origin")
                        + " is not allowed to call this API (CORS)" : GatewayProblems.title(ctx.statusCode())));
        if (!corsOrigins.isEmpty()) {
            router.route().handler(CorsHandler.create()
                    .addOrigins(corsOrigins)
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
                            HttpMethod.DELETE, HttpMethod.OPTIONS))
                    .allowedHeaders(Set.of("Authorization", "Content-Type", "Accept", "If-Match", "If-None-Match",
                            "Idempotency-Key", "Last-Event-ID", "Scaffold-After-Events", REQUEST_ID))
                    .exposedHeaders(Set.of("ETag", "Location", "Retry-After", "Scaffold-Events", REQUEST_ID))
                    .allowCredentials(true)
                    .maxAgeSeconds(600));
        }
        router.get("/q/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
        router.get("/q/health/ready").handler(ctx -> ready(ctx, client, backends));
        router.get("/q/openapi").handler(ctx -> SuiteOpenApi.serve(ctx, client, backends));
        if (identity != null) {
            router.get("/dev/token").handler(ctx -> devToken(ctx, identity));
        }
        Map<String, HttpProxy> proxies = new HashMap<>();
        for (RouteTable.Route route : routes.routes()) {
            Integer backendPort = backends.get(route.backend());
            if (backendPort == null) {
                throw new IllegalArgumentException("route " + route.routeName() + " names an unknown backend "
                        + route.backend());
            }
            proxies.computeIfAbsent(route.backend(),
                    name -> HttpProxy.reverseProxy(client).origin(backendPort, "localhost")
                            .addInterceptor(new BackendAnswers()));
        }
        router.route().handler(ctx -> routes.routeFor(ctx.normalizedPath())
                .ifPresentOrElse(route -> proxies.get(route.backend()).handle(ctx.request()),
                        () -> GatewayProblems.send(ctx, 404, "No route for " + ctx.normalizedPath())));
        boolean answersCors = !corsOrigins.isEmpty();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(false)
                        .setMaxInitialLineLength(GatewayGuard.PARSER_LIMIT)
                        .setMaxHeaderSize(GatewayGuard.PARSER_LIMIT)
                        .setInitialSettings(new io.vertx.core.http.Http2Settings()
                                .setMaxHeaderListSize(GatewayGuard.PARSER_LIMIT)))
                .requestHandler(request -> {
                    // The common case skips the router: a service's path as it came, within limits, no CORS to
                    // answer. The router handles the rest (CORS, the gateway's own endpoints, refusals) in full.
                    RouteTable.Route route = (!answersCors || request.getHeader("Origin") == null)
                            && GatewayGuard.admitsAsItCame(request) ? routes.routeFor(request.path()).orElse(null)
                            : null;
                    if (route == null) {
                        router.handle(request);
                    } else {
                        proxyAsItCame(request, proxies.get(route.backend()));
                    }
                });
        try {
            server.listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the gateway cannot listen on " + host + ":" + port, e);
        }
        return new Gateway(vertx, client, server);
    }

    public int port() {
        return server.actualPort();
    }

    /** What the router's first handlers do to a request, done without a routing context. */
    private static void proxyAsItCame(HttpServerRequest request, HttpProxy proxy) {
        String id = requestIdOf(request);
        request.response().headersEndHandler(v -> request.response().headers().set(REQUEST_ID, id));
        continueOrStartTrace(request);
        try {
            proxy.handle(request);
        } catch (RuntimeException e) {
            GatewayProblems.send(request, 500, GatewayProblems.title(500), null);
        }
    }

    private static void requestId(RoutingContext ctx) {
        String id = requestIdOf(ctx.request());
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(REQUEST_ID, id));
        ctx.next();
    }

    /** The caller's request id, or a new one set on the request (so the service logs the same). */
    private static String requestIdOf(HttpServerRequest request) {
        String id = request.getHeader(REQUEST_ID);
        if (id == null || id.isBlank() || id.length() > 200) {
            // Request ids only correlate logs: a fast non-cryptographic random keeps SecureRandom off the hot path.
            ThreadLocalRandom random = ThreadLocalRandom.current();
            id = new UUID(random.nextLong(), random.nextLong()).toString();
            request.headers().set(REQUEST_ID, id);
        }
        return id;
    }

    /**
     * Continues the caller's trace (a valid W3C {@code traceparent}) or starts one, so that every service the request
     * reaches, and every event it causes, shares one trace id; the gateway itself records no span.
     */
    static void traceContext(RoutingContext ctx) {
        continueOrStartTrace(ctx.request());
        ctx.next();
    }

    private static void continueOrStartTrace(HttpServerRequest request) {
        String parent = request.getHeader(TRACEPARENT);
        if (parent == null || !VALID_TRACEPARENT.matcher(parent).matches()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            request.headers().set(TRACEPARENT, "00-" + hex16(random.nextLong()) + hex16(random.nextLong() | 1) + "-"
                    + hex16(random.nextLong() | 1) + "-01");
            request.headers().remove("tracestate");
        }
    }

    /** 16 lower-case hex digits (String.format costs more than the rest of the request's handling here). */
    static String hex16(long value) {
        String digits = Long.toHexString(value);
        return digits.length() == 16 ? digits : "0".repeat(16 - digits.length()) + digits;
    }

    private static void ready(RoutingContext ctx, HttpClient client, Map<String, Integer> backends) {
        List<String> names = new ArrayList<>(backends.keySet());
        names.sort(String::compareTo);
        List<Future<Integer>> checks = names.stream().map(name -> client
                .request(HttpMethod.GET, backends.get(name), "localhost", "/q/health/ready")
                .compose(request -> request.setTimeout(3000).send())
                .map(response -> response.statusCode())
                .otherwise(503)).toList();
        Future.join(new ArrayList<>(checks)).onComplete(done -> {
            JsonArray services = new JsonArray();
            boolean allUp = true;
            for (int i = 0; i < names.size(); i++) {
                boolean up = checks.get(i).result() != null && checks.get(i).result() == 200;
                allUp &= up;
                services.add(new JsonObject().put("name", names.get(i)).put("status", up ? "UP" : "DOWN"));
            }
            json(ctx, allUp ? 200 : 503, new JsonObject().put("status", allUp ? "UP" : "DOWN").put("checks", services));
        });
    }

    private static void devToken(RoutingContext ctx, DevIdentity identity) {
        String user = ctx.request().getParam("user");
        if (user == null || !NAME.matcher(user).matches()) {
            GatewayProblems.send(ctx, 400, "user must be 1-64 letters, digits or . _ @ -",
                    GatewayProblems.field("user", "must be 1-64 letters, digits or . _ @ -"));
            return;
        }
        String rolesParam = ctx.request().getParam("roles");
        List<String> roles = rolesParam == null || rolesParam.isBlank() ? List.of()
                : Arrays.stream(rolesParam.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        if (roles.size() > 20 || roles.stream().anyMatch(role -> !NAME.matcher(role).matches())) {
            GatewayProblems.send(ctx, 400, "roles must be a comma-separated list of at most 20 names",
                    GatewayProblems.field("roles", "each role must be 1-64 letters, digits or . _ @ -"));
            return;
        }
        json(ctx, 200, new JsonObject()
                .put("token", identity.tokenFor(user, roles))
                .put("user", user)
                .put("roles", new JsonArray(roles))
                .put("expiresIn", identity.lifetimeSeconds()));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // shutting down anyway
        }
        vertx.close();
    }
}
