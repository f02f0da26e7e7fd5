package io.scaffold.local;

import io.scaffold.local.gateway.Gateway;
import io.scaffold.local.gateway.RouteTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the whole suite in the foreground: PostgreSQL, a Kafka broker, a mail sink, the three services and the
 * gateway. Ctrl-C or SIGTERM stops everything it started, in reverse order.
 */
public final class LocalStack {
    static final Path ROUTES = Path.of("deploy/k8s/base/gateway/httproutes.yaml");
    static final Path TOPICS = Path.of("deploy/k8s/base/kafka/topics.yaml");

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private StackSettings settings;
    private Database database;
    private KafkaBroker broker;
    private String classPath;
    private DevIdentity identity;

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("scaffold.root", ".")).toAbsolutePath().normalize();
        LocalStack stack = new LocalStack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "scaffold-stop"));
        try {
            stack.start(StackSettings.fromEnvironment(root, System.getenv()));
        } catch (StackException e) {
            System.err.println("scaffold: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            System.err.println("scaffold: " + e);
            System.exit(1);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts everything and returns when the gateway is ready; {@link #stop()} undoes it. */
    public void start(StackSettings settings) {
        long begin = System.nanoTime();
        String classPath = System.getProperty("java.class.path");
        this.classPath = classPath;
        RouteTable routes = RouteTable.read(settings.repoRoot().resolve(ROUTES));
        TopicCatalog topics = TopicCatalog.read(settings.repoRoot().resolve(TOPICS));
        Ports.requireFree(settings.gatewayPort(), "gateway", "SCAFFOLD_GATEWAY_PORT");
        settings.services().forEach(service -> Ports.requireFree(service.port(), service.name(),
                "SCAFFOLD_" + service.database().toUpperCase() + "_PORT"));
        try {
            Files.createDirectories(settings.stateDir());
        } catch (java.io.IOException e) {
            throw new StackException("cannot create the state folder " + settings.stateDir() + ": " + e.getMessage());
        }

        say("state in " + settings.stateDir());
        if (settings.classDataSharing() && !ClassDataArchive.compatibleWith(settings.serviceJavaOpts(),
                System.getenv())) {
            say("class-data sharing is off: the services' JVM options start a flight recording or an agent, or set"
                    + " class-data sharing themselves");
        }
        this.settings = settings;
        Database database = remember(Database.start(settings));
        this.database = database;
        database.ensureDatabases(settings.services().stream().map(StackSettings.ServiceSpec::database).toList());
        say("PostgreSQL " + (database.isEmbedded() ? "(embedded) " : "(external) ") + database.serverUrl());

        KafkaBroker broker = remember(KafkaBroker.start(settings, classPath));
        this.broker = broker;
        broker.ensureTopics(topics);
        say("Kafka broker " + broker.bootstrap() + " (KRaft), topics: "
                + String.join(", ", topics.topics().stream().map(TopicCatalog.Topic::name).toList()));

        MailSink mail = remember(MailSink.start(settings.smtpPort(), settings.mailHttpPort()));
        say("mail sink      smtp://localhost:" + mail.smtpPort() + "   read: http://localhost:" + mail.httpPort()
                + "/messages");

        DevIdentity identity = DevIdentity.loadOrCreate(settings.stateDir().resolve("identity"), settings.jwtIssuer());
        this.identity = identity;
        ServiceFleet fleet = remember(ServiceFleet.start(settings, database, broker, identity));
        fleet.awaitReady(settings, Duration.ofSeconds(180));

        Map<String, Integer> backends = new LinkedHashMap<>();
        settings.services().forEach(service -> backends.put(service.name(), service.port()));
        Gateway gateway = remember(Gateway.start("127.0.0.1", settings.gatewayPort(), routes, backends,
                settings.corsOrigins(), identity));

        String gatewayUrl = "http://localhost:" + gateway.port();
        say("gateway        " + gatewayUrl + "   (dev token: " + gatewayUrl + "/dev/token?user=alice)");
        for (StackSettings.ServiceSpec service : settings.services()) {
            say(String.format("%-22s http://localhost:%d/q/swagger-ui   log: %s", service.name(), service.port(),
                    settings.stateDir().resolve("logs/" + service.name() + ".log")));
        }
        say(String.format("Scaffold is ready in %.1f s on %s. Press Ctrl-C to stop.",
                (System.nanoTime() - begin) / 1e9, gatewayUrl));
    }

    /**
     * Starts one more instance of a running stack's service on {@code port}, sharing its database and broker: a
     * second replica, as Kubernetes would run it. Returns when it is ready; closing the handle stops it (so does
     * {@link #stop()}).
     */
    public AutoCloseable startReplica(String serviceName, int port) {
        return startReplica(serviceName, port, Map.of());
    }

    /** The same, with settings of its own on top (a replica that already has a configuration change rolled out). */
    public AutoCloseable startReplica(String serviceName, int port, Map<String, String> environment) {
        return startReplica(serviceName, port, environment, Path.of(System.getProperty("java.home")));
    }

    /** The same on another Java runtime ({@code javaHome}), as an upgraded image would run it. */
    public AutoCloseable startReplica(String serviceName, int port, Map<String, String> environment,
            Path javaHome) {
        StackSettings.ServiceSpec service = settings.services().stream().filter(s -> s.name().equals(serviceName))
                .findFirst().orElseThrow(() -> new StackException("no service " + serviceName));
        Ports.requireFree(port, serviceName + " replica", "port");
        // A replica only reads the service's archive: two JVMs never write the same file.
        List<String> archiveOptions = ClassDataArchive.forStack(settings, service, javaHome, environment)
                .map(archive -> archive.jvmOptions(false)).orElse(List.of());
        ChildProcess replica = ServiceFleet.startOne(settings, service, port, serviceName + "-" + port, database,
                broker, identity, environment, archiveOptions, javaHome);
        // The grace lets a replica started with its own archive options write them at exit (StartupBenchmark).
        AutoCloseable handle = remember(() -> replica.stop(ServiceFleet.STOP_GRACE_SECONDS));
        ServiceFleet.awaitReady(replica, port, Duration.ofSeconds(180));
        return handle;
    }

    /**
     * Stops the Kafka broker (SIGTERM, as an orchestrator would), for rehearsing a broker outage; the services keep
     * running and retry. {@link #startBroker()} brings it back on the same ports and data.
     */
    public void stopBroker() {
        broker.close();
    }

    /** Starts the broker again after {@link #stopBroker()}, on the same ports and data; returns when it answers. */
    public void startBroker() {
        broker = remember(KafkaBroker.start(settings, classPath));
    }

    private <T extends AutoCloseable> T remember(T component) {
        started.push(component);
        return component;
    }

    public void stop() {
        if (started.isEmpty()) {
            return;
        }
        say("stopping...");
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("scaffold: while stopping: " + e.getMessage());
            }
        }
        say("stopped");
    }

    private static void say(String line) {
        System.out.println("scaffold: " + line);
    }
}
