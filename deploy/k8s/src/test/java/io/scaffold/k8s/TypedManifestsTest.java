package io.scaffold.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The typed check catches what the API server would silently drop or refuse. */
class TypedManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    @Test
    void aMisspelledDeploymentFieldIsReportedWithItsPath() throws Exception {
        JsonNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers:
                        - name: c
                          image: i
                          readinesProbe: {httpGet: {path: /q/health/ready, port: http}}
                """);

        assertThat(TypedManifests.problems(deployment)).singleElement().asString()
                .contains("unknown field", "readinesProbe");
    }

    @Test
    void aStrimziFieldOutsideTheApiIsReported() throws Exception {
        JsonNode user = yaml("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: x}
                spec:
                  authentication: {type: scram-sha-512}
                  quota: {producerByteRate: 1}
                """);

        assertThat(TypedManifests.problems(user)).isNotEmpty();
    }

    @Test
    void aCloudNativePgFieldOutsideTheSchemaIsReported() throws Exception {
        JsonNode cluster = yaml("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: x}
                spec:
                  instancez: 3
                  storage: {size: 1Gi}
                """);

        assertThat(TypedManifests.problems(cluster)).isNotEmpty();
    }

    @Test
    void aKindWithoutModelOrSchemaIsReported() throws Exception {
        assertThat(TypedManifests.problems(yaml("apiVersion: example.io/v1\nkind: Widget\nmetadata: {name: x}\n")))
                .singleElement().asString().contains("no typed model");
    }
}
