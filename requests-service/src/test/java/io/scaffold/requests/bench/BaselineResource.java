package io.scaffold.requests.bench;

import io.scaffold.requests.domain.HelpRequest;
import io.scaffold.requests.domain.RequestStatus;
import io.scaffold.requests.domain.Urgency;
import io.scaffold.requests.repository.HelpRequestRepository;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark's baseline, only in the test application: a bare Quarkus endpoint that inserts one row in one
 * transaction, with no authentication, validation, routing or outbox.
 */
@Path("/bench/baseline/requests")
public class BaselineResource {
    private final HelpRequestRepository requests;

    public BaselineResource(HelpRequestRepository requests) {
        this.requests = requests;
    }

    @POST
    @Operation(hidden = true) // a measuring stick, not part of the API
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(Map<String, Object> body) {
        HelpRequest request = new HelpRequest();
        request.id = UUID.randomUUID();
        request.title = String.valueOf(body.get("title"));
        request.body = String.valueOf(body.get("body"));
        request.tags = List.of();
        request.urgency = Urgency.NORMAL;
        request.requesterId = "baseline";
        request.status = RequestStatus.CANCELLED; // never visible to the measured lists, never escalated
        request.createdAt = Instant.now();
        request.updatedAt = request.createdAt;
        requests.persist(request);
        return Response.status(201).build();
    }
}
