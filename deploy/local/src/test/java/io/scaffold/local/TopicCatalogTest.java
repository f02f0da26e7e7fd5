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
        assertEquals(3, catalog.topics().stream().filter(t -> t.name().equals("scaffold.requests.events"))
                .findFirst().orElseThrow().partitions());
    }
}
