package io.scaffold.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicCatalogTest {

    @Test
    void theLocalBrokerGetsTheTopicsOfTheKubernetesDeploy() {
        TopicCatalog catalog = TopicCatalog.read(Path.of("../k8s/base/kafka/topics.yaml"));
        var names = catalog.topics().stream().map(TopicCatalog.Topic::name).toList();
        assertTrue(names.containsAll(java.util.List.of("scaffold.communities.events", "scaffold.requests.events",
                "scaffold.notifications.events", "scaffold.communities.dlq")), names.toString());
        assertEquals(6, catalog.topics().stream().filter(t -> t.name().equals("scaffold.requests.events"))
                .findFirst().orElseThrow().partitions());
    }

    @Test
    void theSingleLocalBrokerAsksForOneInSyncReplicaWhereTheClusterAsksForTwo() {
        TopicCatalog catalog = TopicCatalog.read(Path.of("../k8s/base/kafka/topics.yaml"));
        var events = catalog.topics().stream().filter(t -> t.name().equals("scaffold.requests.events"))
                .findFirst().orElseThrow();
        assertEquals("2", events.config().get("min.insync.replicas"));
        assertEquals("1", KafkaBroker.singleBroker(events.config()).get("min.insync.replicas"));
        assertEquals(events.config().get("retention.ms"), KafkaBroker.singleBroker(events.config()).get("retention.ms"));
    }
}
