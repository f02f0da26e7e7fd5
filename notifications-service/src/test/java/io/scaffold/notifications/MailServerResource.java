package io.scaffold.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM for every test of this service: tests read what it received, and
 * stop and start it to play an SMTP outage.
 */
@QuarkusTestResource(value = MailServerResource.class, restrictToAnnotatedClass = false)
public class MailServerResource implements QuarkusTestResourceLifecycleManager {
    private static GreenMail server;
    private static int port;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new GreenMail(ServerSetup.SMTP.createCopy("127.0.0.1").dynamicPort());
            server.start();
            port = server.getSmtp().getPort();
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.start-tls", "DISABLED", "scaffold.notifications.email.app-url",
                "https://scaffold.test");
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** The server as it runs now. */
    public static synchronized GreenMail server() {
        return server;
    }

    /** SMTP down: connections to its port are refused. */
    public static synchronized void outage() {
        server.stop();
    }

    /** SMTP back, on the same port, with an empty mailbox. */
    public static synchronized void restore() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }
}
