package io.scaffold.platform.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.scaffold.platform.problem.ProblemDetail;
import io.scaffold.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Holds each person to a write rate ({@code scaffold.http.writes-per-second}, bursts to {@code write-burst}): past it,
 * 429 problem+json with {@code Retry-After}. A token bucket per person and replica, kept while the person is active.
 * Reads are not limited here; the live stream and its tickets have their own limits.
 */
@Singleton
public class WriteRateLimit {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    // A provider: REST filters are created while the application starts, before runtime configuration is there.
    private final jakarta.inject.Provider<HttpLimits> limits;
    private final CurrentIdentityAssociation identities;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(10, TimeUnit.MINUTES).maximumSize(200_000).build();

    public WriteRateLimit(jakarta.inject.Provider<HttpLimits> limits, CurrentIdentityAssociation identities) {
        this.limits = limits;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Response> limitWrites(ContainerRequestContext request) {
        if (!WRITES.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> refuseIfOverTheRate(identity,
                request.getUriInfo().getPath()));
    }

    private Response refuseIfOverTheRate(SecurityIdentity identity, String path) {
        if (identity.isAnonymous()) {
            return null; // the resource answers 401
        }
        String user = identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject() : identity.getPrincipal().getName();
        HttpLimits limits = this.limits.get();
        ConsumptionProbe probe = buckets.get(user, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.writeBurst())
                        .refillGreedy(limits.writesPerSecond(), Duration.ofSeconds(1)).build())
                .build()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        ProblemType type = ProblemType.TOO_MANY_REQUESTS;
        return Response.status(type.status()).type(ProblemDetail.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .entity(new ProblemDetail(type.uri(), type.title(), type.status(), "You are making changes faster than "
                        + limits.writesPerSecond() + " per second (bursts of " + limits.writeBurst() + ");"
                        + " retry after Retry-After seconds", path, List.of()))
                .build();
    }
}
