package io.scaffold.platform.outbox;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Publishes the outbox continuously on its own thread: immediately after a commit that recorded events, otherwise
 * every poll interval; after a failed pass (broker down) it backs off exponentially and keeps trying.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxPublisher publisher;
    private final RelaySignal signal;
    private final OutboxConfig config;
    private final Backoff backoff;
    private volatile boolean running;
    private Thread thread;

    public OutboxRelay(OutboxPublisher publisher, RelaySignal signal, OutboxConfig config) {
        this.publisher = publisher;
        this.signal = signal;
        this.config = config;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            LOG.info("outbox relay disabled on this instance");
            return;
        }
        running = true;
        thread = new Thread(this::run, "scaffold-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            signal.wake();
            try {
                thread.join(config.sendTimeout().toMillis() + 5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        int failedPasses = 0;
        while (running) {
            Duration wait;
            try {
                OutboxPublisher.PassResult pass = publisher.publishPending();
                if (pass.failed()) {
                    failedPasses++;
                    wait = backoff.afterFailures(failedPasses);
                    LOG.warnf("outbox relay: %d of %d events not published (broker unavailable?); next try in %d ms",
                            pass.claimed() - pass.published(), pass.claimed(), wait.toMillis());
                } else {
                    failedPasses = 0;
                    // A full batch means more may be waiting: go again at once.
                    wait = pass.claimed() >= config.batchSize() ? Duration.ZERO : config.pollInterval();
                }
            } catch (RuntimeException e) {
                failedPasses++;
                wait = backoff.afterFailures(failedPasses);
                LOG.warnf("outbox relay pass failed (%s); next try in %d ms", e.getMessage(), wait.toMillis());
            }
            if (wait.isZero()) {
                continue;
            }
            try {
                signal.await(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
