package io.scaffold.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The suite's services, each in its own JVM, wired to the stack's database, broker and dev identity. */
final class ServiceFleet implements AutoCloseable {
    /** The services that seal or open an anonymous requester's id; nobody else gets the key. */
    private static final java.util.Set<String> SEALS_IDENTITIES = java.util.Set.of("requests-service",
            "notifications-service");
    /** Time for a service to stop, writing its class-data archive if it has none (half a minute on two cores). */
    static final long STOP_GRACE_SECONDS = 90;

    /** One service's JVM, whether it became ready, and the archive it uses or writes. */
    private static final class Member {
        final ChildProcess process;
        final Optional<ClassDataArchive> archive;
        volatile boolean ready;

        Member(ChildProcess process, Optional<ClassDataArchive> archive) {
            this.process = process;
            this.archive = archive;
        }
    }

    private final List<Member> members = new ArrayList<>();

    static ServiceFleet start(StackSettings settings, Database database, KafkaBroker broker, DevIdentity identity) {
        ServiceFleet fleet = new ServiceFleet();
        Path stackJava = Path.of(System.getProperty("java.home"));
        for (StackSettings.ServiceSpec service : settings.services()) {
            Optional<ClassDataArchive> archive = ClassDataArchive.forStack(settings, service, stackJava,
                    System.getenv());
            List<String> archiveOptions = archive.map(a -> a.jvmOptions(true)).orElse(List.of());
            fleet.members.add(new Member(startOne(settings, service, service.port(), service.name(), database,
                    broker, identity, Map.of(), archiveOptions, stackJava), archive));
        }
        return fleet;
    }

    /**
     * One JVM of one service, on {@code port}, logging to {@code logs/<logName>.log}: {@code extra} settings on top of
     * the stack's, the class-data archive's options, and {@code javaHome}, the JDK or JRE it runs on.
     */
    static ChildProcess startOne(StackSettings settings, StackSettings.ServiceSpec service, int port, String logName,
            Database database, KafkaBroker broker, DevIdentity identity, Map<String, String> extra,
            List<String> archiveOptions, Path javaHome) {
        String java = javaHome.resolve("bin/java").toString();
        Path jar = service.runnableJar(settings.repoRoot());
        if (!Files.isRegularFile(jar)) {
            throw new StackException(jar + " is missing: build with ./mvnw -DskipTests package");
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(service.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrap());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", identity.publicKeyFile().toString());
        env.put("MP_JWT_VERIFY_ISSUER", identity.issuer());
        env.put("MP_JWT_VERIFY_AUDIENCES", DevIdentity.AUDIENCE);
        if (SEALS_IDENTITIES.contains(service.name())) {
            env.put("SCAFFOLD_SEALED_IDS_KEY", identity.sealedIdsKey());
        }
        if (service.name().equals("notifications-service")) {
            // Webhook receivers on this machine (the tests' and the developer's) are allowed; elsewhere https only.
            env.put("SCAFFOLD_NOTIFICATIONS_WEBHOOKS_ALLOWED_PRIVATE_HOSTS", "localhost,127.0.0.1");
            // E-mail goes to the stack's mail sink (its links lead to the gateway: SCAFFOLD_PUBLIC_URL).
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", Integer.toString(settings.smtpPort()));
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        }
        // The services' OpenAPI documents name the gateway as their server.
        env.put("SCAFFOLD_PUBLIC_URL", "http://localhost:" + settings.gatewayPort());
        env.putAll(extra);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(List.of(settings.serviceJavaOpts().trim().split("\\s+")));
        command.addAll(archiveOptions);
        command.addAll(List.of("-jar", jar.toString()));
        return ChildProcess.start(logName, command, env, settings.stateDir().resolve("logs/" + logName + ".log"),
                settings.repoRoot());
    }

    /** Waits until the process answers 200 on its readiness probe. */
    static void awaitReady(ChildProcess process, int port, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (!ready(http, port)) {
            process.requireAlive();
            if (Instant.now().isAfter(deadline)) {
                throw new StackException(process.name() + " was not ready after " + timeout.toSeconds()
                        + " s; see " + process.log());
            }
            StackException.pause(250);
        }
    }

    /** Waits until every service answers 200 on its readiness probe. */
    void awaitReady(StackSettings settings, Duration timeout) {
        for (int i = 0; i < members.size(); i++) {
            awaitReady(members.get(i).process, settings.services().get(i).port(), timeout);
            members.get(i).ready = true;
        }
    }

    private static boolean ready(HttpClient http, int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Signals every service at once, then waits for each; an archive written at exit is kept only from a service that
     * had become ready and stopped within its grace period.
     */
    @Override
    public void close() {
        members.forEach(member -> member.process.signalStop());
        for (Member member : members) {
            boolean exitedInTime = member.process.awaitStop(STOP_GRACE_SECONDS);
            member.archive.ifPresent(archive -> archive.settle(member.ready && exitedInTime));
        }
    }
}
