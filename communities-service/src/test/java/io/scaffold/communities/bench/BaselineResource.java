package io.scaffold.communities.bench;

import io.scaffold.communities.domain.Community;
import io.scaffold.communities.repository.CommunityRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/**
 * The benchmark's baseline, only in the test application: a bare Quarkus + Panache {@code findById} endpoint on the
 * same database, with no authentication, visibility rules, ETag or gateway.
 */
@Path("/bench/baseline/communities/{id}")
public class BaselineResource {
    private final CommunityRepository communities;

    public BaselineResource(CommunityRepository communities) {
        this.communities = communities;
    }

    @GET
    @Operation(hidden = true) // a measuring stick, not part of the API
    @Produces(MediaType.APPLICATION_JSON)
    public Community get(@PathParam("id") UUID id) {
        Community community = communities.findById(id);
        if (community == null) {
            throw new NotFoundException();
        }
        return community;
    }
}
