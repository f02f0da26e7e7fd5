package io.scaffold.platform.http;

import io.scaffold.platform.problem.ProblemType;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a service answers CORS itself (in a cluster: QUARKUS_HTTP_CORS_ENABLED and QUARKUS_HTTP_CORS_ORIGINS), a
 * browser call from an origin that is not allowed is refused here as a 403 problem+json naming the origin, before
 * Quarkus' CORS filter would refuse it with an empty body. Allowed origins, preflights and headers are then handled by
 * Quarkus with the settings in the platform's defaults (the same the local gateway uses).
 */
@ApplicationScoped
public class CorsOriginGuard {
    private final boolean enabled;
    private final List<String> origins;
    private final List<Pattern> originPatterns;

    public CorsOriginGuard(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.enabled = enabled;
        this.origins = origins.orElse(List.of()).stream().map(String::trim).toList();
        // Entries between slashes are regular expressions (as Quarkus reads them); a broken one fails at startup.
        this.originPatterns = this.origins.stream()
                .filter(origin -> origin.length() > 2 && origin.startsWith("/") && origin.endsWith("/"))
                .map(origin -> Pattern.compile(origin.substring(1, origin.length() - 1))).toList();
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(Integer.MIN_VALUE).handler(this::check);
        }
    }

    void check(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null || allowed(origin) || sameOrigin(ctx, origin)) {
            ctx.next();
            return;
        }
        RawRequestGuard.refuse(ctx, ProblemType.FORBIDDEN, "The origin " + origin
                + " is not allowed to call this API (CORS)", "Origin", "is not an allowed origin");
    }

    private boolean allowed(String origin) {
        return origins.contains("*") || origins.contains(origin)
                || originPatterns.stream().anyMatch(pattern -> pattern.matcher(origin).matches());
    }

    /** A page served from this API's own address needs no CORS permission. */
    private static boolean sameOrigin(RoutingContext ctx, String origin) {
        try {
            URI self = URI.create(ctx.request().absoluteURI());
            URI other = URI.create(origin);
            return self.getScheme().equalsIgnoreCase(String.valueOf(other.getScheme()))
                    && self.getHost().equalsIgnoreCase(String.valueOf(other.getHost()))
                    && port(self) == port(other);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
