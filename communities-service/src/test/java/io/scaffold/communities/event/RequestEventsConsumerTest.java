package io.scaffold.communities.event;

import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.communities.RequestEvents;
import io.scaffold.platform.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.scaffold.communities.Api.TOPIC;
import static io.scaffold.communities.Api.as;
import static io.scaffold.communities.Api.assertPublished;
import static io.scaffold.communities.Api.createCommunity;
import static io.scaffold.communities.Api.unique;
import static io.scaffold.platform.testing.TopicProbe.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RequestEventsConsumerTest {

    @Test
    void aPublishedRequestBecomesOneGuideLinkedToItEvenWhenDeliveredTwice() {
        try (TopicProbe probe = TopicProbe.tail(TOPIC)) {
            String name = unique("Guides");
            String id = createCommunity("olivia", name, "PUBLIC");
            String requestId = UUID.randomUUID().toString();
            String data = RequestEvents.published(requestId, id, name, "How we fixed consumer lag",
                    "Increase partitions, then...", List.of("kafka"), "olivia");
            String eventId = UUID.randomUUID().toString();
            RequestEvents.publish(eventId, RequestEventsConsumer.PUBLISHED, requestId, data);
            RequestEvents.publish(eventId, RequestEventsConsumer.PUBLISHED, requestId, data);
            // A second, different event for the same request must not create a second guide either
            RequestEvents.publish(RequestEventsConsumer.PUBLISHED, requestId, data);

            ConsumerRecord<String, String> added = assertPublished(probe, EventTypes.RESOURCE_ADDED, id);
            assertThat(added.value()).contains("\"sourceRequestId\":\"" + requestId + "\"").contains("\"type\":\"GUIDE\"");
            await().atMost(Duration.ofSeconds(20)).until(() -> as("olivia")
                    .get("/api/communities/" + id + "/resources?type=GUIDE").path("items.size()").equals(1));
            assertThat(probe.collectFor(Duration.ofSeconds(2)).stream()
                    .filter(r -> EventTypes.RESOURCE_ADDED.equals(header(r, "ce_type")) && id.equals(r.key())))
                    .hasSize(1);
            as("olivia").get("/api/communities/" + id + "/resources?type=GUIDE").then()
                    .body("items[0].sourceRequestId", equalTo(requestId))
                    .body("items[0].authorId", equalTo("olivia"));
        }
    }

    @Test
    void aMalformedRequestEventGoesToTheDeadLetterTopic() {
        try (TopicProbe deadLetters = TopicProbe.tail("scaffold.communities.dlq")) {
            String key = UUID.randomUUID().toString();
            // Data that breaks requests-service's contract: checked to be invalid, then published as is
            String eventId = RequestEvents.publishInvalid(RequestEventsConsumer.RESPONSE_ACCEPTED, key,
                    "{\"communityId\":\"not-a-uuid\",\"helperId\":\"h\"}");
            ConsumerRecord<String, String> dead = deadLetters.await(r -> eventId.equals(header(r, "ce_id")),
                    Duration.ofSeconds(30));
            assertThat(header(dead, "dead-letter-reason")).contains("communityId");
        }
    }
}
