package io.scaffold.k8s;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The check behind "every variable a Deployment sets is read" tells real settings from ignored ones. */
class ServiceSettingsTest {
    private final ServiceSettings requests = ServiceSettings.of("requests-service");

    @Test
    void acceptsTheServicesOwnQuarkusJwtAndKafkaSettings() {
        assertThat(requests.ignored("SCAFFOLD_REQUESTS_ROUTING_INITIAL_HELPERS")).isEmpty();
        assertThat(requests.ignored("SCAFFOLD_OUTBOX_BATCH_SIZE")).isEmpty();
        assertThat(requests.ignored("SCAFFOLD_JWT_ISSUER")).isEmpty();
        assertThat(requests.ignored("QUARKUS_DATASOURCE_JDBC_URL")).isEmpty();
        assertThat(requests.ignored("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).isEmpty();
        assertThat(requests.ignored("KAFKA_SASL_JAAS_CONFIG")).isEmpty();
    }

    @Test
    void rejectsMisspelledForeignAndBuildTimeSettings() {
        assertThat(requests.ignored("SCAFFOLD_REQUESTS_ROUTING_INITIAL_HELPER")).hasValueSatisfying(
                why -> assertThat(why).contains("read by nothing"));
        assertThat(requests.ignored("SCAFFOLD_COMMUNITIES_MAX_EXPERTS")).isPresent();
        assertThat(requests.ignored("KAFKA_SASL_JAAS_CONFIGURATION")).hasValueSatisfying(
                why -> assertThat(why).contains("no Kafka client setting"));
        assertThat(requests.ignored("QUARKUS_DATASOURCE_DB_KIND")).hasValueSatisfying(
                why -> assertThat(why).contains("fixed when the image is built"));
    }

    @Test
    void knowsTheTopicsAndGroupOfItsChannels() {
        assertThat(requests.topics("outgoing")).containsExactly("scaffold.requests.events");
        assertThat(requests.topics("incoming")).containsExactly("scaffold.communities.events");
        assertThat(requests.deadLetterTopics()).containsExactly("scaffold.requests.dlq");
        assertThat(requests.consumerGroups()).containsExactly("requests-service");
    }
}
