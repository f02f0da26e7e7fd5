package io.scaffold.platform.people;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Records who calls the API, from their verified token's claims, before the call itself runs: the person is known
 * (and announced) before anything they do is. A known caller with unchanged claims costs a memory lookup; recording
 * never fails the call (it is retried on the person's next one).
 */
@Singleton
public class PersonClaimsFilter {
    // Providers: REST filters are created while the application starts, before runtime configuration is there.
    private final jakarta.inject.Provider<KnownPeople> people;
    private final CurrentIdentityAssociation identities;

    public PersonClaimsFilter(jakarta.inject.Provider<KnownPeople> people, CurrentIdentityAssociation identities) {
        this.people = people;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Response> recordCaller(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().onFailure().recoverWithNull().flatMap(identity -> {
            if (identity == null || identity.isAnonymous()
                    || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
                return Uni.createFrom().nullItem(); // the resource answers 401 where a token is needed
            }
            PersonClaims claims = PersonClaims.of(token);
            KnownPeople known = people.get();
            if (known.isCurrent(claims)) {
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().item(() -> {
                known.recordQuietly(claims);
                return (Response) null;
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }
}
