package io.scaffold.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class OverlaysRenderTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void everyRenderedDocumentParsesIntoItsTypedModelWithNoUnknownField(String directory) {
        List<JsonNode> documents = Rendered.overlay(directory);

        assertThat(documents).isNotEmpty();
        assertThat(documents.stream().flatMap(document -> TypedManifests.problems(document).stream()))
                .as("problems in %s", directory).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void overlaysPlaceEverythingInOneNamespaceAndLabelItAsPartOfTheSuite(String directory) {
        List<JsonNode> documents = Rendered.overlay(directory);

        Set<String> namespaces = documents.stream().map(d -> d.path("metadata").path("namespace").asText())
                .collect(Collectors.toSet());
        assertThat(namespaces).hasSize(1).doesNotContain("");
        assertThat(documents).allSatisfy(document -> assertThat(
                document.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText())
                .as("%s %s", document.path("kind").asText(), document.path("metadata").path("name").asText())
                .isEqualTo("scaffold"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void everyKindRenderedHasATypedModelOrSchema(String directory) {
        assertThat(Rendered.overlay(directory).stream().map(TypedManifests::typeOf).collect(Collectors.toSet()))
                .contains("apps/v1/Deployment", "kafka.strimzi.io/v1/KafkaUser", "postgresql.cnpg.io/v1/Cluster",
                        "gateway.networking.k8s.io/v1/Gateway");
    }
}
