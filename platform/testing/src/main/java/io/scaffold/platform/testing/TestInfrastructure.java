package io.scaffold.platform.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The real infrastructure of a test JVM, started once and shared by every test class: an Apache Kafka broker (KRaft,
 * single combined node, in this JVM) and an embedded PostgreSQL server. Both stop when the JVM exits.
 *
 * <p>Their addresses are kept in system properties, not only in static fields, because Quarkus loads test code in
 * more than one class loader and the broker must still be started only once.
 */
public final class TestInfrastructure {
    static final String KAFKA_BOOTSTRAP = "scaffold.test.kafka.bootstrap";
    static final String POSTGRES_URL = "scaffold.test.postgres.url";
    /** System property: load pg_stat_statements into the test PostgreSQL (the bench profile sets it). */
    public static final String TRACK_STATEMENTS = "scaffold.test.postgres.track-statements";
    private static KafkaClusterTestKit kafka;
    private static EmbeddedPostgres postgres;

    private TestInfrastructure() {
    }

    /** The bootstrap servers of the test broker, starting it on first use. */
    public static synchronized String kafkaBootstrapServers() {
        String running = System.getProperty(KAFKA_BOOTSTRAP);
        if (running != null) {
            return running;
        }
        try {
            // The broker lives inside the test JVM: a Kafka fault handler must not decide the JVM's exit code.
            org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) ->
                    System.err.println("test broker asked to exit(" + code + "): " + message));
            org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) ->
                    System.err.println("test broker asked to halt(" + code + "): " + message));
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            kafka = cluster;
            BrokerControl.register(cluster);
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopKafka, "test-kafka-stop"));
            System.setProperty(KAFKA_BOOTSTRAP, cluster.bootstrapServers());
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("the test Kafka broker did not start", e);
        }
    }

    /** Takes the test broker down (for outage tests); {@link #startKafkaBroker()} brings it back on the same port. */
    public static void stopKafkaBroker() {
        kafkaBootstrapServers();
        BrokerControl.invoke("stop");
    }

    public static void startKafkaBroker() {
        BrokerControl.invoke("start");
    }

    /** A JDBC URL of a database with this name on the test PostgreSQL server, creating both on first use. */
    public static synchronized String postgresDatabase(String database) {
        String server = System.getProperty(POSTGRES_URL);
        if (server == null) {
            try {
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "300");
                if (Boolean.getBoolean(TRACK_STATEMENTS)) {
                    // Benchmarks print where the database's time went, per statement, planning included.
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                            .setServerConfig("pg_stat_statements.track_planning", "on");
                }
                postgres = builder.start();
                server = "jdbc:postgresql://localhost:" + postgres.getPort();
                Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopPostgres,
                        "test-postgres-stop"));
                System.setProperty(POSTGRES_URL, server);
            } catch (Exception e) {
                throw new IllegalStateException("the embedded test PostgreSQL did not start", e);
            }
        }
        try (Connection connection = DriverManager.getConnection(server + "/postgres", "postgres", "postgres");
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + database, e);
        }
        return server + "/" + database;
    }

    /**
     * A database outage as a service sees it: the database refuses new connections and its open ones are cut
     * ({@code false}), or accepts them again ({@code true}).
     */
    public static void acceptConnections(String database, boolean accept) {
        try (Connection connection = DriverManager.getConnection(System.getProperty(POSTGRES_URL) + "/postgres",
                "postgres", "postgres"); Statement statement = connection.createStatement()) {
            String name = database.replace("\"", "");
            statement.execute("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS " + accept);
            if (!accept) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                        + name.replace("'", "''") + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change whether " + database + " accepts connections", e);
        }
    }

    /** The settings a service needs to run against this infrastructure. */
    public static Map<String, String> serviceConfig(String database) {
        return Map.of(
                "kafka.bootstrap.servers", kafkaBootstrapServers(),
                "quarkus.datasource.jdbc.url", postgresDatabase(database),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "mp.jwt.verify.publickey", TestTokens.publicKeyBase64(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "mp.jwt.verify.audiences", TestTokens.AUDIENCE,
                "scaffold.sealed-ids.key", SEALED_IDS_KEY);
    }

    /**
     * The key the services of this test JVM seal anonymous identities with (random per run): a test that plays
     * requests-service seals with it, one that plays an outside system has no business with it.
     */
    public static final String SEALED_IDS_KEY = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private static void stopKafka() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }

    private static void stopPostgres() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
