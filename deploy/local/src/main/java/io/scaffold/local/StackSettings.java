package io.scaffold.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the local stack can be told, read once from environment variables (12-factor), with defaults that let a
 * newcomer run the suite without setting anything.
 */
public record StackSettings(
        Path repoRoot,
        Path stateDir,
        int gatewayPort,
        int kafkaPort,
        int kafkaControllerPort,
        int embeddedDbPort,
        int smtpPort,
        int mailHttpPort,
        Optional<ExternalDatabase> externalDatabase,
        List<String> corsOrigins,
        String jwtIssuer,
        String serviceJavaOpts,
        boolean classDataSharing,
        List<ServiceSpec> services) {

    /** Connection to a PostgreSQL server the stack should use instead of the embedded one. */
    public record ExternalDatabase(String serverUrl, String user, String password) {
    }

    /** One of the suite's services: its Maven module, the database it owns and its HTTP port. */
    public record ServiceSpec(String name, String module, String database, int port) {
        public Path runnableJar(Path repoRoot) {
            return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        }
    }

    public static StackSettings fromEnvironment(Path repoRoot, Map<String, String> env) {
        Path state = Path.of(env.getOrDefault("SCAFFOLD_STATE_DIR", repoRoot.resolve("deploy/local/state").toString()))
                .toAbsolutePath();
        Optional<ExternalDatabase> external = Optional.ofNullable(env.get("SCAFFOLD_DB_URL"))
                .filter(url -> !url.isBlank())
                .map(url -> new ExternalDatabase(stripTrailingSlash(url),
                        env.getOrDefault("SCAFFOLD_DB_USER", "postgres"),
                        env.getOrDefault("SCAFFOLD_DB_PASSWORD", "")));
        List<ServiceSpec> services = List.of(
                new ServiceSpec("communities-service", "communities-service", "communities",
                        port(env, "SCAFFOLD_COMMUNITIES_PORT", 8081)),
                new ServiceSpec("requests-service", "requests-service", "requests",
                        port(env, "SCAFFOLD_REQUESTS_PORT", 8082)),
                new ServiceSpec("notifications-service", "notifications-service", "notifications",
                        port(env, "SCAFFOLD_NOTIFICATIONS_PORT", 8083)));
        return new StackSettings(repoRoot, state,
                port(env, "SCAFFOLD_GATEWAY_PORT", 8080),
                port(env, "SCAFFOLD_KAFKA_PORT", 9092),
                port(env, "SCAFFOLD_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "SCAFFOLD_DB_PORT", 5433),
                port(env, "SCAFFOLD_SMTP_PORT", 2525),
                port(env, "SCAFFOLD_MAIL_HTTP_PORT", 8025),
                external,
                Arrays.stream(env.getOrDefault("SCAFFOLD_CORS_ORIGINS", "http://localhost:3000,http://localhost:5173")
                        .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                env.getOrDefault("SCAFFOLD_JWT_ISSUER", "scaffold-local-stack"),
                env.getOrDefault("SCAFFOLD_SERVICE_JAVA_OPTS", "-Xms64m -Xmx384m -XX:+UseSerialGC"),
                onOrOff(env, "SCAFFOLD_CLASS_DATA_SHARING", true),
                services);
    }

    public String kafkaBootstrap() {
        return "localhost:" + kafkaPort;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(name + "=" + value + " is not a TCP port (1-65535)");
        }
    }

    private static boolean onOrOff(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim()) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new StackException(name + "=" + value + " is neither on nor off");
        };
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
