package io.scaffold.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service really reads, taken from the service itself rather than from a list kept by hand: its
 * application.properties and the platform's defaults (keys, and the variables their expressions name), its own and
 * the platform's {@code @ConfigMapping} interfaces, the configuration model every Quarkus extension on its class path
 * ships (with the phase: a build-time setting cannot be changed by a Deployment), SmallRye JWT's settings, and the
 * Kafka client's (Quarkus passes every {@code KAFKA_*} variable to the clients).
 */
final class ServiceSettings {
    static final Path ROOT = Kustomize.K8S.resolve("../..").normalize();
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)");
    private static final Map<String, String> QUARKUS = quarkusModel();

    final String service;
    final Properties properties;
    private final Set<String> variables = new TreeSet<>();
    /** Own settings (scaffold.*) in environment-variable form, with their defaults (null: none). */
    final Map<String, String> ownDefaults = new TreeMap<>();

    private ServiceSettings(String service) {
        this.service = service;
        this.properties = new Properties();
        Path platform = ROOT.resolve("platform/src/main/resources/META-INF/microprofile-config.properties");
        Path own = ROOT.resolve(service + "/src/main/resources/application.properties");
        for (Path file : List.of(platform, own)) {
            Properties read = load(file);
            read.stringPropertyNames().forEach(key -> {
                String bare = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
                variables.add(env(bare));
                if (!key.startsWith("%")) {
                    properties.setProperty(bare, read.getProperty(key));
                }
                Matcher expression = EXPRESSION.matcher(read.getProperty(key));
                while (expression.find()) {
                    variables.add(env(expression.group(1)));
                }
            });
        }
        for (Class<?> mapping : mappings(service)) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            Map<String, ConfigMappingInterface.Property> leaves =
                    ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping, prefix));
            leaves.forEach((path, property) -> {
                String name = path.replace("[*]", "");
                variables.add(env(name));
                String value = property.hasDefaultValue() ? property.getDefaultValue() : properties.getProperty(name);
                // A setting with no value anywhere is optional (the service could not start otherwise).
                if (name.startsWith("scaffold." + service.replace("-service", "") + ".") && value != null) {
                    ownDefaults.put(env(name), value);
                }
            });
        }
        for (Field field : jwtSettings()) {
            variables.add(env(field.getAnnotation(ConfigProperty.class).name()));
        }
    }

    static ServiceSettings of(String service) {
        return new ServiceSettings(service);
    }

    /** Why the service would not read this environment variable, or empty when it does. */
    Optional<String> ignored(String variable) {
        String phase = QUARKUS.get(variable);
        if (phase != null) {
            return phase.equals("RUN_TIME") ? Optional.empty()
                    : Optional.of(variable + " is fixed when the image is built (" + phase + ")");
        }
        if (variables.contains(variable)) {
            return Optional.empty();
        }
        if (variable.startsWith("KAFKA_")) {
            String client = variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
            return KAFKA_CLIENT.contains(client) ? Optional.empty()
                    : Optional.of(variable + " is no Kafka client setting (" + client + ")");
        }
        return Optional.of(variable + " is read by nothing in " + service);
    }

    /** The topic names of the channels in this service's configuration, by direction. */
    Set<String> topics(String direction) {
        Set<String> topics = new TreeSet<>();
        properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("mp.messaging." + direction + ".") && key.endsWith(".topic")
                        && !key.contains("dead-letter-queue"))
                .forEach(key -> topics.add(properties.getProperty(key)));
        return topics;
    }

    Set<String> deadLetterTopics() {
        return values(key -> key.endsWith(".dead-letter-queue.topic"));
    }

    Set<String> consumerGroups() {
        return values(key -> key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id"));
    }

    private Set<String> values(java.util.function.Predicate<String> keys) {
        Set<String> values = new TreeSet<>();
        properties.stringPropertyNames().stream().filter(keys).forEach(key -> values.add(properties.getProperty(key)));
        return values;
    }

    /** A configuration key as SmallRye Config looks it up in the environment. */
    static String env(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static final Set<String> KAFKA_CLIENT = kafkaClientSettings();

    private static Set<String> kafkaClientSettings() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }

    private static List<Field> jwtSettings() {
        try {
            Class<?> provider = Class.forName("io.smallrye.jwt.config.JWTAuthContextInfoProvider");
            return Stream.of(provider.getDeclaredFields()).filter(f -> f.isAnnotationPresent(ConfigProperty.class))
                    .toList();
        } catch (ClassNotFoundException e) {
            throw new AssertionError("SmallRye JWT is not on the services' class path", e);
        }
    }

    /** The {@code @ConfigMapping} interfaces compiled into the service and the platform. */
    private static List<Class<?>> mappings(String service) {
        List<Class<?>> found = new java.util.ArrayList<>();
        for (Path classes : List.of(ROOT.resolve(service + "/target/classes"), ROOT.resolve("platform/target/classes"))) {
            if (!Files.isDirectory(classes)) {
                throw new AssertionError(classes + " is missing: build the services first (./mvnw verify)");
            }
            try (Stream<Path> files = Files.walk(classes)) {
                files.filter(file -> file.toString().endsWith(".class") && !file.toString().contains("$"))
                        .map(file -> classes.relativize(file).toString().replace('/', '.').replace(".class", ""))
                        .forEach(name -> {
                            try {
                                Class<?> type = Class.forName(name, false, ServiceSettings.class.getClassLoader());
                                if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                                    found.add(type);
                                }
                            } catch (ClassNotFoundException | LinkageError e) {
                                throw new AssertionError("cannot load " + name, e);
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** Environment variable of every Quarkus setting on the class path, with its phase. */
    private static Map<String, String> quarkusModel() {
        Map<String, String> phases = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL url : Collections.list(ServiceSettings.class.getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                try (InputStream in = url.openStream()) {
                    collect(json.readTree(in), phases);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (phases.isEmpty()) {
            throw new AssertionError("no Quarkus configuration model on the class path");
        }
        return phases;
    }

    private static void collect(JsonNode node, Map<String, String> phases) {
        if (node.has("path") && node.has("phase") && node.path("path").has("environmentVariable")) {
            phases.put(node.path("path").path("environmentVariable").asText(), node.path("phase").asText());
        }
        node.forEach(child -> collect(child, phases));
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
