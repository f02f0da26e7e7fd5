package io.scaffold.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The production overlay's alerts and dashboard: each alert has its runbook, the dashboard loads. */
class MonitoringTest {
    private static final List<JsonNode> PROD = Rendered.overlay("overlays/prod");

    private static List<Rule> alerts() {
        return Rendered.all(PROD, "PrometheusRule", PrometheusRule.class).stream()
                .flatMap(rule -> rule.getSpec().getGroups().stream()).flatMap(group -> group.getRules().stream())
                .toList();
    }

    @Test
    void theAlertsTheSuiteNeedsAreThereEachWithASeverityAndARunbookInTheReadme() throws Exception {
        String readme = Files.readString(ServiceSettings.ROOT.resolve("README.md"));
        Set<String> anchors = readme.lines().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 -]", "").replace(' ', '-'))
                .collect(Collectors.toSet());

        assertThat(alerts()).extracting(Rule::getAlert).containsExactlyInAnyOrder("ScaffoldOutboxBacklogGrowing",
                "ScaffoldDeadLetters", "ScaffoldConsumerLag", "ScaffoldEscalationsOverdue", "ScaffoldHighErrorRate",
                "ScaffoldWebhookEndpointDisabled", "ScaffoldEmailNotSent");
        assertThat(alerts()).allSatisfy(alert -> {
            assertThat(alert.getLabels()).containsKey("severity");
            String runbook = alert.getAnnotations().get("runbook");
            assertThat(runbook).startsWith("README.md#");
            assertThat(anchors).as("README heading for %s", runbook).contains(runbook.substring("README.md#".length()));
        });
    }

    @Test
    void theDashboardIsAGrafanaDashboardWithAQueryOnEveryPanel() throws Exception {
        ConfigMap dashboard = Rendered.all(PROD, "ConfigMap", ConfigMap.class).stream()
                .filter(map -> "1".equals(map.getMetadata().getLabels().get("grafana_dashboard"))).findFirst()
                .orElseThrow(() -> new AssertionError("no dashboard ConfigMap for the Grafana sidecar"));
        JsonNode json = new ObjectMapper().readTree(dashboard.getData().values().iterator().next());

        assertThat(json.path("uid").asText()).isEqualTo("scaffold-overview");
        assertThat(json.path("panels")).hasSizeGreaterThanOrEqualTo(10).allSatisfy(panel ->
                assertThat(panel.path("targets")).isNotEmpty().allSatisfy(target ->
                        assertThat(target.path("expr").asText()).contains("namespace=\"$namespace\"")));
    }
}
