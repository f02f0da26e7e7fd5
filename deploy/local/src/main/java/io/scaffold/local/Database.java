package io.scaffold.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The PostgreSQL server of the stack: an external one when configured, otherwise a real embedded PostgreSQL whose data
 * lives in the state folder, so it survives restarts. Either way every service gets its own database.
 */
final class Database implements AutoCloseable {
    private final String serverUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;

    private Database(String serverUrl, String user, String password, EmbeddedPostgres embedded) {
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static Database start(StackSettings settings) {
        if (settings.externalDatabase().isPresent()) {
            StackSettings.ExternalDatabase external = settings.externalDatabase().get();
            return new Database(external.serverUrl(), external.user(), external.password(), null);
        }
        Ports.requireFree(settings.embeddedDbPort(), "embedded PostgreSQL", "SCAFFOLD_DB_PORT");
        Path dataDir = settings.stateDir().resolve("postgres/data");
        Path workDir = settings.stateDir().resolve("postgres/binaries");
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(workDir);
            Path log = settings.stateDir().resolve("logs/postgres.log");
            Files.createDirectories(log.getParent());
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(workDir.toFile())
                    .setPort(settings.embeddedDbPort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    // which statements take the database's time (CREATE EXTENSION pg_stat_statements to read it)
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track_planning", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new Database("jdbc:postgresql://localhost:" + settings.embeddedDbPort(), "postgres", "postgres",
                    postgres);
        } catch (IOException e) {
            throw new StackException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    String serverUrl() {
        return serverUrl;
    }

    String jdbcUrl(String database) {
        return serverUrl + "/" + database;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Creates each service's database unless it exists. */
    void ensureDatabases(List<String> names) {
        try (Connection connection = DriverManager.getConnection(serverUrl + "/postgres", user, password)) {
            for (String name : names) {
                if (!exists(connection, name)) {
                    try (Statement statement = connection.createStatement()) {
                        // Names come from the stack's own fixed list, never from input.
                        statement.execute("CREATE DATABASE \"" + name + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new StackException("cannot prepare the databases on " + serverUrl + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
