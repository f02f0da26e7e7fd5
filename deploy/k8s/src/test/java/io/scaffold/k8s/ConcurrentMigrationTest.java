package io.scaffold.k8s;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rollout starts several pods of a service at once, each running Flyway at startup on the same database (the
 * services' setting quarkus.flyway.migrate-at-start). Flyway takes a PostgreSQL advisory lock around the migration,
 * so the pods take turns: one migrates, the others find the schema current. Checked with the services' own
 * migrations, three at once, on a real PostgreSQL.
 */
class ConcurrentMigrationTest {
    private static final int PODS = 3;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"communities-service", "requests-service", "notifications-service"})
    void podsStartingAtOnceApplyEachMigrationExactlyOnce(String service) throws Exception {
        String database = service.replace("-service", "");
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        }
        String url = postgres.getJdbcUrl("postgres", database);
        List<String> locations = List.of(
                "filesystem:" + ServiceSettings.ROOT.resolve(service + "/src/main/resources/db/migration"),
                "filesystem:" + ServiceSettings.ROOT.resolve("platform/src/main/resources/db/platform"));
        CyclicBarrier together = new CyclicBarrier(PODS);
        ExecutorService pods = Executors.newFixedThreadPool(PODS);
        try {
            List<Future<Integer>> applied = new ArrayList<>();
            for (int pod = 0; pod < PODS; pod++) {
                applied.add(pods.submit(() -> {
                    Flyway flyway = Flyway.configure().dataSource(url, "postgres", "postgres")
                            .locations(locations.toArray(String[]::new)).load();
                    together.await(30, TimeUnit.SECONDS);
                    return flyway.migrate().migrationsExecuted;
                }));
            }
            int total = 0;
            for (Future<Integer> pod : applied) {
                total += pod.get(2, TimeUnit.MINUTES);
            }

            long files = migrationFiles(service);
            assertThat(total).as("migrations run across all pods").isEqualTo((int) files);
            assertThat(history(url)).hasSize((int) files).doesNotHaveDuplicates();
        } finally {
            pods.shutdownNow();
        }
    }

    private static long migrationFiles(String service) throws IOException {
        try (Stream<Path> own = Files.list(ServiceSettings.ROOT.resolve(service + "/src/main/resources/db/migration"));
             Stream<Path> platform = Files.list(ServiceSettings.ROOT.resolve("platform/src/main/resources/db/platform"))) {
            return Stream.concat(own, platform).filter(file -> file.getFileName().toString().matches("V.*\\.sql"))
                    .count();
        }
    }

    private static List<String> history(String url) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = java.sql.DriverManager.getConnection(url, "postgres", "postgres");
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT version FROM flyway_schema_history WHERE success")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }
}
