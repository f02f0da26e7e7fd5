package io.scaffold.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real SMTP server (GreenMail) in the test JVM for every test of this service: tests read what it received, and
 * stop and start it to play an SMTP outage.
 */
@QuarkusTestResource(value = MailServerResource.class, restrictToAnnotatedClass = false)
public class MailServerResource implements QuarkusTestResourceLifecycleManager {
    private static GreenMail server;
    private static int port;
    private static ServerSocket stalling;
    private static final List<Socket> stalled = new CopyOnWriteArrayList<>();

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            port = portBelowTheEphemeralRange();
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port),
                "quarkus.mailer.start-tls", "DISABLED", "scaffold.notifications.email.app-url",
                "https://scaffold.test");
    }

    /**
     * A free port the kernel never hands out as a connection's local port: tests stop the server and bind its port
     * again, and a port from the ephemeral range (what a dynamic port is) could meanwhile be taken by any outgoing
     * connection of this JVM (the broker's, the database's), which failed a restart with "address already in use".
     */
    private static int portBelowTheEphemeralRange() {
        int ephemeralStart = 32768;
        try {
            // read as lines: readString gets only the first byte of this /proc file
            ephemeralStart = Integer.parseInt(java.nio.file.Files.readAllLines(
                    java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            // the usual default
        }
        java.util.Random random = new java.util.Random();
        int lowest = Math.max(1024, ephemeralStart - 10000);
        for (int attempt = 0; attempt < 200 && lowest < ephemeralStart; attempt++) {
            int candidate = lowest + random.nextInt(ephemeralStart - lowest);
            try (ServerSocket probe = new ServerSocket(candidate, 1, InetAddress.getByName("127.0.0.1"))) {
                return candidate;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port below " + ephemeralStart + " for the test SMTP server");
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

    /**
     * SMTP stalls: its port accepts connections and then says nothing, never the greeting, as a hung server or a
     * half-open network path does.
     */
    public static synchronized void stall() {
        server.stop();
        try {
            stalling = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerSocket listening = stalling;
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    stalled.add(listening.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "stalling-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** How many connections the stalling server has taken so far. */
    public static int stalledConnections() {
        return stalled.size();
    }

    /** SMTP back, on the same port, with an empty mailbox. */
    public static synchronized void restore() {
        if (stalling != null) {
            try {
                stalling.close();
                for (Socket socket : stalled) {
                    socket.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stalling = null;
            stalled.clear();
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }
}
