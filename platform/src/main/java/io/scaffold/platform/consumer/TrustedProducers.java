package io.scaffold.platform.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each events topic has one producer, and a consumer accepts an event only from it: {@code scaffold.<name>.events}
 * is written by {@code /<name>-service} (its {@code ce_source}), unless
 * {@code scaffold.consumer.trusted-source.<topic>} names another. Anything else is dead-lettered with the reason, so
 * a client that can write the topic still cannot make itself a member in the other services' projections (in the
 * cluster, Kafka ACLs are the second lock).
 */
@ApplicationScoped
public class TrustedProducers {
    private static final Pattern SUITE_TOPIC = Pattern.compile("scaffold\\.([a-z0-9-]+)\\.events");
    private final Config config;

    public TrustedProducers(Config config) {
        this.config = config;
    }

    public void check(String topic, IncomingEvent event) {
        String expected = producerOf(topic).orElseThrow(() -> new PoisonEventException("no trusted producer is"
                + " known for topic " + topic + "; set scaffold.consumer.trusted-source." + topic));
        if (!expected.equals(event.source())) {
            throw new PoisonEventException("untrusted producer: " + event.type() + " on " + topic + " has ce_source "
                    + event.source() + ", only " + expected + " publishes there");
        }
    }

    Optional<String> producerOf(String topic) {
        Optional<String> configured = config.getOptionalValue("scaffold.consumer.trusted-source." + topic,
                String.class);
        if (configured.isPresent()) {
            return configured;
        }
        Matcher suite = SUITE_TOPIC.matcher(topic);
        return suite.matches() ? Optional.of("/" + suite.group(1) + "-service") : Optional.empty();
    }
}
