package io.scaffold.platform.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.platform.testing.TestInfrastructure;
import io.scaffold.platform.testing.TopicProbe;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class BrokerOutageTest {

    @Inject
    EntityManager entityManager;

    @Test
    void eventsRecordedWhileTheBrokerIsDownArePublishedOnceItIsBack() throws Exception {
        try (TopicProbe probe = TopicProbe.tail(OutboxRelayTest.TOPIC)) {
            TestInfrastructure.stopKafkaBroker();
            String id;
            try {
                id = OutboxRelayTest.createWidget("during-outage", false);
                Thread.sleep(3000); // let the relay try, fail and back off while the broker is down
                assertThat(pendingRows(id)).as("the event waits in the outbox").isEqualTo(1);
            } finally {
                TestInfrastructure.startKafkaBroker();
            }

            ConsumerRecord<String, String> record = probe.awaitEvent("scaffold.widget.created.v1", id,
                    Duration.ofSeconds(60));
            assertThat(record.value()).contains("during-outage");
            await().atMost(Duration.ofSeconds(30)).until(() -> pendingRows(id) == 0);
        }
    }

    long pendingRows(String aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                        "SELECT count(*) FROM scaffold_outbox WHERE aggregate_id = :id AND sent_at IS NULL")
                .setParameter("id", aggregateId).getSingleResult()).longValue());
    }
}
