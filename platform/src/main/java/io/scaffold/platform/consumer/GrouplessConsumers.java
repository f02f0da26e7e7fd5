package io.scaffold.platform.consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Short-lived consumers that join no group and commit nothing, for reading a topic on an operator's request (dead
 * letters, a projection's history): reading never moves anyone's offsets. They take the service's Kafka settings
 * (bootstrap servers, TLS, SASL).
 */
public final class GrouplessConsumers {
    private GrouplessConsumers() {
    }

    public static KafkaConsumer<String, String> open(Map<String, Object> kafka, String clientId) {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(settings);
    }
}
