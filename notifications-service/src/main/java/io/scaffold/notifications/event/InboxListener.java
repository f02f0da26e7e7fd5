package io.scaffold.notifications.event;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.scaffold.notifications.config.NotificationsConfig;
import io.scaffold.notifications.repository.InboxSignal;
import io.scaffold.notifications.service.LiveStreams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * Hears every replica's inbox commits on PostgreSQL's {@code LISTEN/NOTIFY} channel and hands them to this replica's
 * live streams. Uses its own connection (not the pool's): it stays open for the life of the service. After losing it,
 * reconnects and lets every stream catch up on what it may have missed.
 */
@ApplicationScoped
public class InboxListener {
    private static final Logger LOG = Logger.getLogger(InboxListener.class);

    private final LiveStreams streams;
    private final NotificationsConfig config;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    public InboxListener(LiveStreams streams, NotificationsConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.streams = streams;
        this.config = config;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listen, "scaffold-inbox-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        closeQuietly();
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection listening = open()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + InboxSignal.CHANNEL);
                }
                if (!first) {
                    streams.resync();
                }
                first = false;
                PGConnection pg = listening.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(10_000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            InboxSignal signal = InboxSignal.parse(notification.getParameter());
                            if (signal != null) {
                                streams.onSignal(signal);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("inbox listener lost PostgreSQL (%s); reconnecting", e.getMessage());
                    pause();
                }
            }
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        user.ifPresent(value -> properties.setProperty("user", value));
        password.ifPresent(value -> properties.setProperty("password", value));
        properties.setProperty("ApplicationName", "notifications-service inbox listener");
        properties.setProperty("tcpKeepAlive", "true");
        Connection opened = new org.postgresql.Driver().connect(url, properties);
        if (opened == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        return opened;
    }

    private void pause() {
        try {
            Thread.sleep(config.stream().listenerBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                LOG.debug("closing the inbox listener", e);
            }
        }
    }
}
