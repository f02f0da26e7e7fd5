package io.scaffold.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker (KRaft, single combined node) in its own JVM, started from the class path of this module,
 * so it is exactly the Kafka version the build pins. Its log directory lives in the state folder.
 */
final class KafkaBroker implements AutoCloseable {
    private final ChildProcess process;
    private final String bootstrap;

    private KafkaBroker(ChildProcess process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    static KafkaBroker start(StackSettings settings, String classPath) {
        Ports.requireFree(settings.kafkaPort(), "Kafka broker", "SCAFFOLD_KAFKA_PORT");
        Ports.requireFree(settings.kafkaControllerPort(), "Kafka controller", "SCAFFOLD_KAFKA_CONTROLLER_PORT");
        Path home = settings.stateDir().resolve("kafka");
        Path dataDir = home.resolve("data");
        Path config = home.resolve("server.properties");
        Path logConfig = home.resolve("log4j2.properties");
        Path log = settings.stateDir().resolve("logs/kafka.log");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(config, serverProperties(settings, dataDir), StandardCharsets.UTF_8);
            Files.writeString(logConfig, """
                    rootLogger.level = INFO
                    rootLogger.appenderRef.stdout.ref = STDOUT
                    appender.stdout.type = Console
                    appender.stdout.name = STDOUT
                    appender.stdout.layout.type = PatternLayout
                    appender.stdout.layout.pattern = [%d] %p %m (%c)%n
                    logger.kafka.name = kafka
                    logger.kafka.level = WARN
                    logger.apache.name = org.apache.kafka
                    logger.apache.level = WARN
                    """, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("cannot write the Kafka configuration under " + home + ": " + e.getMessage(), e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of(java, "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + logConfig, "-cp", classPath);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(jvm, config, log, home);
        }
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("kafka.Kafka", config.toString()));
        ChildProcess process = ChildProcess.start("kafka", command, Map.of(), log, home);
        KafkaBroker broker = new KafkaBroker(process, settings.kafkaBootstrap());
        broker.awaitReady(Duration.ofSeconds(90));
        return broker;
    }

    private static void format(List<String> jvm, Path config, Path log, Path home) {
        List<String> command = new ArrayList<>(jvm);
        command.addAll(List.of("kafka.tools.StorageTool", "format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", config.toString(), "--standalone"));
        ChildProcess format = ChildProcess.start("kafka-storage-format", command, Map.of(), log, home);
        try {
            while (format.isAlive()) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while formatting the Kafka log directory");
        }
        if (!Files.exists(home.resolve("data/meta.properties"))) {
            throw new StackException("formatting the Kafka log directory failed; last lines of " + log + ":"
                    + System.lineSeparator() + ProcessLog.tail(log, 20));
        }
    }

    private static String serverProperties(StackSettings settings, Path dataDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + settings.kafkaControllerPort(),
                "listeners=PLAINTEXT://localhost:" + settings.kafkaPort() + ",CONTROLLER://localhost:"
                        + settings.kafkaControllerPort(),
                "advertised.listeners=PLAINTEXT://localhost:" + settings.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir,
                "num.partitions=3",
                // A single node: every internal topic has one replica.
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "") ;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            process.requireAlive();
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
            }
            StackException.pause(300);
        }
        throw new StackException("the Kafka broker was not ready after " + timeout.toSeconds() + " s ("
                + (last == null ? "no answer" : last.getMessage()) + "); see " + process.log());
    }

    /** Creates the topics that do not exist yet; existing ones are left as they are. */
    void ensureTopics(TopicCatalog catalog) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = catalog.topics().stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1)
                            .configs(singleBroker(topic.config())))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new StackException("cannot create the Kafka topics: " + e.getMessage(), e);
        }
    }

    /**
     * The cluster's topics ask for two in-sync replicas; on one broker every acks=all write would then fail, so the
     * local stack keeps one copy and asks for one.
     */
    static Map<String, String> singleBroker(Map<String, String> config) {
        Map<String, String> local = new HashMap<>(config);
        local.computeIfPresent("min.insync.replicas", (key, value) -> "1");
        return local;
    }

    String bootstrap() {
        return bootstrap;
    }

    ChildProcess process() {
        return process;
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(properties);
    }

    @Override
    public void close() {
        process.stop(20);
    }
}
