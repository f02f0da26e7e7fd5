package io.scaffold.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The suite's Kafka topics, read from the Strimzi {@code KafkaTopic} resources of the Kubernetes deploy, so the local
 * broker and the cluster always have the same topics.
 */
record TopicCatalog(List<Topic> topics) {

    record Topic(String name, int partitions, Map<String, String> config) {
    }

    static TopicCatalog read(Path yaml) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<Topic> topics = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml.toFile())) {
            for (JsonNode doc : mapper.readValues(parser, JsonNode.class).readAll()) {
                if (!"KafkaTopic".equals(doc.path("kind").asText())) {
                    continue;
                }
                JsonNode spec = doc.path("spec");
                String name = spec.hasNonNull("topicName") ? spec.get("topicName").asText()
                        : doc.path("metadata").path("name").asText();
                Map<String, String> config = new HashMap<>();
                spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                topics.add(new Topic(name, spec.path("partitions").asInt(1), config));
            }
        } catch (IOException e) {
            throw new StackException("cannot read the topic list " + yaml + ": " + e.getMessage(), e);
        }
        if (topics.isEmpty()) {
            throw new StackException("no KafkaTopic resources in " + yaml);
        }
        return new TopicCatalog(List.copyOf(topics));
    }
}
