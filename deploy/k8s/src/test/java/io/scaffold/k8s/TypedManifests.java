package io.scaffold.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every rendered document as its typed model: the fabric8 models (Kubernetes, Gateway API, Prometheus Operator),
 * Strimzi's own API classes, and JSON Schemas for CloudNativePG, which has no Java model. A field the model does not
 * know is an error: the models keep unknown fields aside (so clients round-trip them), and this walks every object
 * for such leftovers, so a typo such as {@code readinesProbe} cannot pass.
 */
final class TypedManifests {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("gateway.networking.k8s.io/v1/Gateway", Gateway.class),
            Map.entry("gateway.networking.k8s.io/v1/HTTPRoute", HTTPRoute.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    private static final Set<String> SCHEMAS = Set.of(
            "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup", "barmancloud.cnpg.io/v1/ObjectStore");

    private TypedManifests() {
    }

    static String typeOf(JsonNode document) {
        return document.path("apiVersion").asText() + "/" + document.path("kind").asText();
    }

    /** The problems of one document: an unknown kind, a field its model lacks, a value of the wrong type. */
    static List<String> problems(JsonNode document) {
        String type = typeOf(document);
        String name = type + " " + document.path("metadata").path("name").asText();
        if (SCHEMAS.contains(type)) {
            return schema(type).validate(document).stream()
                    .map(ValidationMessage::getMessage).map(message -> name + ": " + message).toList();
        }
        Class<?> model = MODELS.get(type);
        if (model == null) {
            return List.of(name + ": no typed model or schema for this kind (add one before deploying it)");
        }
        try {
            Object typed = JSON.treeToValue(document, model);
            List<String> unknown = new ArrayList<>();
            leftovers(typed, "", unknown);
            return unknown.stream().map(field -> name + ": unknown field " + field).toList();
        } catch (IOException e) {
            return List.of(name + ": " + e.getMessage());
        }
    }

    static <T> T as(JsonNode document, Class<T> model) {
        try {
            return JSON.treeToValue(document, model);
        } catch (IOException e) {
            throw new AssertionError(typeOf(document) + " does not parse as " + model.getSimpleName(), e);
        }
    }

    /** Walks the model's getters and reports every field kept aside as unknown. */
    private static void leftovers(Object value, String path, List<String> unknown) {
        if (value == null || !isModel(value.getClass())) {
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    leftovers(item, path + "[" + i++ + "]", unknown);
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((key, item) -> leftovers(item, path + "." + key, unknown));
            }
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(extra.keySet().stream().map(key -> path + "." + key)
                            .collect(Collectors.joining(", ")));
                }
                continue;
            }
            leftovers(child, path + "." + property(getter.getName()), unknown);
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return !type.isEnum() && (name.startsWith("io.fabric8.kubernetes.api.model.")
                || name.startsWith("io.fabric8.openshift.api.model.") || name.startsWith("io.strimzi.api."));
    }

    private static String property(String getter) {
        String bare = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return bare.isEmpty() ? bare : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    private static JsonSchema schema(String type) {
        String file = "/schemas/" + type.replace("/v1/", "_v1_") + ".json";
        try (InputStream in = TypedManifests.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new AssertionError("missing schema " + file);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new AssertionError("cannot read schema " + file, e);
        }
    }
}
