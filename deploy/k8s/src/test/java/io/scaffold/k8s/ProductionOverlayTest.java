package io.scaffold.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The production overlay held to what the services really need, read, produce and consume. */
class ProductionOverlayTest {
    private static final List<JsonNode> PROD = Rendered.overlay("overlays/prod");
    private static final int HTTP_PORT = 8080;

    private static Deployment deployment(String service) {
        return Rendered.all(PROD, "Deployment", Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment " + service));
    }

    private static Container container(String service) {
        List<Container> containers = deployment(service).getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    /** Every variable the container ends up with: its env and the keys of the ConfigMaps it takes whole. */
    private static Map<String, String> environment(String service) {
        Map<String, String> variables = new HashMap<>();
        Container container = container(service);
        for (EnvFromSource source : container.getEnvFrom()) {
            assertThat(source.getSecretRef()).as("whole Secrets are not taken into the environment").isNull();
            String name = source.getConfigMapRef().getName();
            ConfigMap map = Rendered.all(PROD, "ConfigMap", ConfigMap.class).stream()
                    .filter(m -> m.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " takes a ConfigMap that is not rendered: " + name));
            variables.putAll(map.getData());
        }
        for (EnvVar variable : container.getEnv()) {
            variables.put(variable.getName(), variable.getValue() != null ? variable.getValue()
                    : "<from " + (variable.getValueFrom().getSecretKeyRef() != null
                    ? "secret " + variable.getValueFrom().getSecretKeyRef().getName() : "elsewhere") + ">");
        }
        return variables;
    }

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void everyDeploymentHasTheThreeHealthProbesResourcesAndALockedDownSecurityContext(String service) {
        Deployment deployment = deployment(service);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = container(service);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(pod.getTopologySpreadConstraints()).extracting("topologyKey")
                .contains("topology.kubernetes.io/zone", "kubernetes.io/hostname");
        assertProbe(container.getStartupProbe(), "/q/health/started");
        assertProbe(container.getReadinessProbe(), "/q/health/ready");
        assertProbe(container.getLivenessProbe(), "/q/health/live");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(ImageLayoutTest.IMAGE_USER);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(HTTP_PORT);
        });
        assertThat(environment(service)).containsEntry("QUARKUS_HTTP_PORT", Integer.toString(HTTP_PORT));
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void everyEnvironmentVariableADeploymentSetsIsASettingTheServiceReallyReads(String service) {
        ServiceSettings settings = ServiceSettings.of(service);

        assertThat(environment(service).keySet().stream().flatMap(v -> settings.ignored(v).stream()))
                .as("variables %s would ignore", service).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void theServiceConfigMapListsEveryOwnSettingWithItsDefault(String service) {
        Map<String, String> environment = environment(service);

        assertThat(ServiceSettings.of(service).ownDefaults).isNotEmpty().allSatisfy((variable, value) ->
                assertThat(environment).as(variable).containsEntry(variable, value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void credentialsComeOnlyFromTheOperatorsSecrets(String service) {
        Map<String, EnvVar> env = container(service).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, v -> v));
        String database = databaseCluster(service);

        assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo(database + "-app");
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo(database + "-app");
        assertThat(env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName())
                .as("the Secret Strimzi writes for the service's KafkaUser").isEqualTo(service);
        assertThat(environment(service).keySet()).noneMatch(name -> (name.contains("PASSWORD")
                || name.contains("SECRET") || name.contains("JAAS")) && !env.containsKey(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void onlyTheServicesThatSealOrOpenAnonymousRequestersGetTheSealKey(String service) {
        Map<String, EnvVar> env = container(service).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, v -> v));
        if (service.equals("communities-service")) {
            assertThat(env).doesNotContainKeys("SCAFFOLD_SEALED_IDS_KEY", "SCAFFOLD_SEALED_IDS_PREVIOUS_KEYS");
            return;
        }
        assertThat(env.get("SCAFFOLD_SEALED_IDS_KEY").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("scaffold-sealed-ids");
        assertThat(env.get("SCAFFOLD_SEALED_IDS_PREVIOUS_KEYS").getValueFrom().getSecretKeyRef().getOptional())
                .as("no previous key until the first rotation").isTrue();
    }

    @Test
    void noSecretCarriesLiteralData() {
        assertThat(Rendered.all(PROD, "Secret", Secret.class)).allSatisfy(secret -> {
            assertThat(secret.getData()).as(secret.getMetadata().getName()).isNullOrEmpty();
            assertThat(secret.getStringData()).as(secret.getMetadata().getName()).isNullOrEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void theDatabaseUrlNamesTheServicesOwnCloudNativePgClusterAndDatabase(String service) {
        String cluster = databaseCluster(service);
        JsonNode declared = PROD.stream().filter(d -> d.path("kind").asText().equals("Cluster")
                && d.path("metadata").path("name").asText().equals(cluster)).findFirst()
                .orElseThrow(() -> new AssertionError("no CloudNativePG Cluster " + cluster));

        String database = URI.create(environment(service).get("QUARKUS_DATASOURCE_JDBC_URL").substring(5)).getPath();
        assertThat(database).isEqualTo("/" + declared.path("spec").path("bootstrap").path("initdb").path("database")
                .asText());
        assertThat(declared.path("spec").path("instances").asInt()).isEqualTo(3);
    }

    /** The CloudNativePG cluster behind the JDBC URL's host ({@code <cluster>-rw}, the primary). */
    private static String databaseCluster(String service) {
        String url = environment(service).get("QUARKUS_DATASOURCE_JDBC_URL");
        String host = URI.create(url.substring("jdbc:".length())).getHost();
        assertThat(host).as("services use the primary (LISTEN/NOTIFY, writes)").endsWith("-rw");
        return host.substring(0, host.length() - "-rw".length());
    }

    @Test
    void everyRouteBackendIsAServiceExposingThatPortOntoAServingContainer() {
        List<HTTPRoute> routes = Rendered.all(PROD, "HTTPRoute", HTTPRoute.class);
        List<Service> services = Rendered.all(PROD, "Service", Service.class);
        List<Deployment> deployments = Rendered.all(PROD, "Deployment", Deployment.class);
        List<String> checked = new ArrayList<>();

        routes.forEach(route -> route.getSpec().getRules().forEach(rule -> rule.getBackendRefs().forEach(backend -> {
            Service service = services.stream().filter(s -> s.getMetadata().getName().equals(backend.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(route.getMetadata().getName()
                            + " routes to a Service that does not exist: " + backend.getName()));
            ServicePort port = service.getSpec().getPorts().stream()
                    .filter(p -> p.getPort().equals(backend.getPort())).findFirst()
                    .orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " has no port "
                            + backend.getPort()));
            Deployment target = deployments.stream().filter(d -> d.getSpec().getTemplate().getMetadata().getLabels()
                    .entrySet().containsAll(service.getSpec().getSelector().entrySet())).findFirst()
                    .orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " selects no pods"));
            assertThat(target.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                    .extracting("name").contains(port.getTargetPort().getStrVal());
            checked.add(backend.getName());
        })));
        assertThat(checked).containsExactlyInAnyOrder("communities-service", "requests-service",
                "notifications-service");
    }

    @Test
    void everyTopicAServiceUsesIsDeclaredAndItsKafkaUserAllowsExactlyThatAndNothingElse() {
        Set<String> declared = Rendered.all(PROD, "KafkaTopic", KafkaTopic.class).stream()
                .map(topic -> topic.getMetadata().getName()).collect(Collectors.toSet());
        List<KafkaUser> users = Rendered.all(PROD, "KafkaUser", KafkaUser.class);
        assertThat(users).extracting(user -> user.getMetadata().getName())
                .containsExactlyInAnyOrder("communities-service", "requests-service", "notifications-service");

        for (KafkaUser user : users) {
            String service = user.getMetadata().getName();
            ServiceSettings settings = ServiceSettings.of(service);
            Set<String> expected = new TreeSet<>();
            settings.topics("outgoing").forEach(topic -> expected.add("topic " + topic + " WRITE,DESCRIBE"));
            settings.deadLetterTopics().forEach(topic -> expected.add("topic " + topic + " READ,WRITE,DESCRIBE"));
            settings.topics("incoming").forEach(topic -> expected.add("topic " + topic + " READ,DESCRIBE"));
            settings.consumerGroups().forEach(group -> expected.add("group " + group + " READ"));

            Set<String> used = new TreeSet<>(settings.topics("outgoing"));
            used.addAll(settings.topics("incoming"));
            used.addAll(settings.deadLetterTopics());
            assertThat(declared).as("KafkaTopics for %s", service).containsAll(used);

            KafkaUserAuthorizationSimple authorization = (KafkaUserAuthorizationSimple) user.getSpec()
                    .getAuthorization();
            Set<String> granted = authorization.getAcls().stream().map(acl -> {
                assertThat(acl.getResource().getType()).isIn("topic", "group");
                assertThat(acl.getHost()).as("ACLs are not tied to hosts").isIn(null, "*");
                return acl.getResource().getType() + " " + literalName(acl.getResource())
                        + " " + acl.getOperations().stream().map(Object::toString).collect(Collectors.joining(","));
            }).collect(Collectors.toCollection(TreeSet::new));
            assertThat(granted).as("ACLs of %s", service).isEqualTo(expected);
            assertThat(user.getSpec().getAuthentication().getType()).isEqualTo("scram-sha-512");
        }
    }

    @Test
    void onlyCommunitiesServiceMayWriteTheCommunitiesEventsTopic() {
        List<String> writers = Rendered.all(PROD, "KafkaUser", KafkaUser.class).stream()
                .filter(user -> ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls().stream()
                        .anyMatch(acl -> literalName(acl.getResource()).equals("scaffold.communities.events")
                                && acl.getOperations().stream().anyMatch(op -> op.toString().equals("WRITE")
                                || op.toString().equals("ALL"))))
                .map(user -> user.getMetadata().getName()).toList();

        assertThat(writers).containsExactly("communities-service");
    }

    /** The resource an ACL names; only literal names are used (a prefix would grant topics added later). */
    private static String literalName(AclRuleResource resource) {
        if (resource instanceof AclRuleTopicResource topic) {
            assertThat(topic.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
            return topic.getName();
        }
        if (resource instanceof AclRuleGroupResource group) {
            assertThat(group.getPatternType()).isEqualTo(AclResourcePatternType.LITERAL);
            return group.getName();
        }
        throw new AssertionError("an ACL on a " + resource.getType() + ": services need only topics and groups");
    }

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void networkPolicyAllowsTheGatewayMonitoringDatabaseKafkaDnsIdentityAndCollectorAndNothingElse(String service) {
        NetworkPolicy policy = Rendered.all(PROD, "NetworkPolicy", NetworkPolicy.class).stream()
                .filter(p -> p.getSpec().getPodSelector().getMatchLabels()
                        .equals(Map.of("app.kubernetes.io/name", service))).findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy selects " + service));
        String kafkaPort = environment(service).get("KAFKA_BOOTSTRAP_SERVERS").replaceAll(".*:", "");

        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress().stream().map(ProductionOverlayTest::describe).toList())
                .containsExactlyInAnyOrder(
                        "namespace kubernetes.io/metadata.name=gateway-system -> TCP/" + HTTP_PORT,
                        "namespace kubernetes.io/metadata.name=monitoring -> TCP/" + HTTP_PORT);
        List<String> egress = new ArrayList<>(List.of(
                "pods cnpg.io/cluster=" + databaseCluster(service) + " -> TCP/5432",
                "pods strimzi.io/broker-role=true,strimzi.io/cluster=scaffold -> TCP/" + kafkaPort,
                "namespace kubernetes.io/metadata.name=kube-system pods k8s-app=kube-dns -> UDP/53,TCP/53",
                "namespace kubernetes.io/metadata.name=identity -> TCP/443,TCP/8443",
                "namespace kubernetes.io/metadata.name=monitoring pods app.kubernetes.io/name="
                        + "opentelemetry-collector -> TCP/" + URI.create(environment(service)
                        .get("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")).getPort()));
        if (service.equals("notifications-service")) {
            // webhook receivers: HTTPS to public addresses, never the cluster's or the cloud's private ranges
            egress.add("addresses 0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,169.254.0.0/16,"
                    + "100.64.0.0/10,127.0.0.0/8 -> TCP/443");
            // the SMTP relay: a provider's submission ports at a public address
            egress.add("addresses 0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,169.254.0.0/16,"
                    + "100.64.0.0/10,127.0.0.0/8 -> TCP/587,TCP/465");
        }
        assertThat(policy.getSpec().getEgress().stream().map(ProductionOverlayTest::describe).toList())
                .containsExactlyInAnyOrderElementsOf(egress);
    }

    private static String describe(NetworkPolicyIngressRule rule) {
        return describe(rule.getFrom(), rule.getPorts());
    }

    private static String describe(NetworkPolicyEgressRule rule) {
        return describe(rule.getTo(), rule.getPorts());
    }

    private static String describe(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
        assertThat(peers).as("a rule without peers allows everyone").hasSize(1);
        assertThat(ports).as("a rule without ports allows every port").isNotEmpty();
        NetworkPolicyPeer peer = peers.get(0);
        List<String> parts = new ArrayList<>();
        if (peer.getIpBlock() != null) {
            parts.add("addresses " + peer.getIpBlock().getCidr() + " except "
                    + String.join(",", peer.getIpBlock().getExcept()));
        }
        if (peer.getNamespaceSelector() != null) {
            parts.add("namespace " + labels(peer.getNamespaceSelector().getMatchLabels()));
        }
        if (peer.getPodSelector() != null) {
            parts.add("pods " + labels(peer.getPodSelector().getMatchLabels()));
        }
        return String.join(" ", parts) + " -> " + ports.stream()
                .map(port -> port.getProtocol() + "/" + port.getPort().getIntVal()).collect(Collectors.joining(","));
    }

    private static String labels(Map<String, String> labels) {
        return new java.util.TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    @Test
    void autoscalersAndDisruptionBudgetsKeepAtLeastTwoOfThreeReplicasServing() {
        assertThat(Rendered.all(PROD, "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class)).hasSize(3)
                .allSatisfy(hpa -> {
                    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
                    assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(3);
                    assertThat(hpa.getSpec().getMetrics()).singleElement()
                            .satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
                    deployment(hpa.getSpec().getScaleTargetRef().getName());
                });
        assertThat(Rendered.all(PROD, "PodDisruptionBudget", PodDisruptionBudget.class)).hasSize(3)
                .allSatisfy(pdb -> {
                    assertThat(pdb.getSpec().getMinAvailable()).isEqualTo(new IntOrString(2));
                    assertThat(pdb.getSpec().getMaxUnavailable()).isNull();
                });
    }
}
