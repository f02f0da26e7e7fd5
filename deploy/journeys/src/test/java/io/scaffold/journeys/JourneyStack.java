package io.scaffold.journeys;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.scaffold.local.LocalStack;
import io.scaffold.local.StackSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** The full local stack on free ports with a temporary state folder, and calls through its gateway. */
final class JourneyStack implements AutoCloseable {
    final LocalStack stack = new LocalStack();
    final StackSettings settings;
    final String gateway;

    private JourneyStack(StackSettings settings) {
        this.settings = settings;
        this.gateway = "http://localhost:" + settings.gatewayPort();
    }

    private static JourneyStack shared;

    /** One stack for every journey class of this test JVM, stopped when the JVM exits. */
    static synchronized JourneyStack shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "journey-stack-stop"));
        }
        return shared;
    }

    static JourneyStack start() {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>();
        try {
            env.put("SCAFFOLD_STATE_DIR", Files.createTempDirectory("scaffold-journey").toString());
            // A fresh state each time: an archive would only be written at every stop, never used.
            env.put("SCAFFOLD_CLASS_DATA_SHARING", "off");
            // The one setting taken from this JVM's environment: benchmarks can run the services with other options.
            String javaOpts = System.getenv("SCAFFOLD_SERVICE_JAVA_OPTS");
            if (javaOpts != null && !javaOpts.isBlank()) {
                env.put("SCAFFOLD_SERVICE_JAVA_OPTS", javaOpts);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String port : new String[] {"GATEWAY", "COMMUNITIES", "REQUESTS", "NOTIFICATIONS", "KAFKA",
                "KAFKA_CONTROLLER", "DB", "SMTP", "MAIL_HTTP"}) {
            env.put("SCAFFOLD_" + port + "_PORT", Integer.toString(freePort()));
        }
        JourneyStack journey = new JourneyStack(StackSettings.fromEnvironment(root, env));
        try {
            journey.stack.start(journey.settings);
        } catch (RuntimeException e) {
            journey.stack.stop();
            throw e;
        }
        return journey;
    }

    /** A JSON call through the gateway as {@code user}, with a dev token. */
    RequestSpecification as(String user) {
        return given().baseUri(gateway).header("Authorization", "Bearer " + token(user)).contentType(ContentType.JSON);
    }

    String token(String user) {
        return RestAssured.get(gateway + "/dev/token?user=" + user).then().statusCode(200).extract().path("token");
    }

    /** The port a service listens on directly (behind the gateway). */
    int port(String service) {
        return settings.services().stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().port();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stack.stop();
    }
}
