package io.scaffold.platform.consistency;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Read-your-writes across services. A successful change answers {@value #EVENTS} with the ids of the events it
 * published; a client that then calls another service passes them in {@value #AFTER_EVENTS}, and that service, where
 * it would refuse because of what it has not yet heard, answers 409 {@code catching-up} with {@code Retry-After}
 * instead (see {@link AwaitedEvents}).
 */
public class ConsistencyHeaders {
    public static final String EVENTS = "Scaffold-Events";
    public static final String AFTER_EVENTS = "Scaffold-After-Events";

    private final RecordedEvents recorded;

    public ConsistencyHeaders(RecordedEvents recorded) {
        this.recorded = recorded;
    }

    @ServerResponseFilter
    public void tellTheEventIds(ContainerResponseContext response) {
        if (response.getStatus() / 100 != 2) {
            return;
        }
        List<UUID> ids = recorded.ids();
        if (!ids.isEmpty()) {
            response.getHeaders().putSingle(EVENTS, ids.stream().map(UUID::toString)
                    .collect(Collectors.joining(",")));
        }
    }
}
