package io.scaffold.local.gateway;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {
    final RouteTable routes = RouteTable.read(Path.of("../k8s/base/gateway/httproutes.yaml"));

    @Test
    void theKubernetesRoutesSendEachServicePrefixToItsService() {
        assertEquals("communities-service", routes.routeFor("/api/communities").orElseThrow().backend());
        assertEquals("communities-service", routes.routeFor("/api/communities/42/members").orElseThrow().backend());
        assertEquals("requests-service", routes.routeFor("/api/requests/7/accept").orElseThrow().backend());
        assertEquals("notifications-service", routes.routeFor("/api/notifications/stream").orElseThrow().backend());
    }

    @Test
    void aPrefixMatchesWholePathSegmentsOnly() {
        assertTrue(routes.routeFor("/api/communitiesX").isEmpty());
        assertTrue(routes.routeFor("/q/health").isEmpty());
    }
}
