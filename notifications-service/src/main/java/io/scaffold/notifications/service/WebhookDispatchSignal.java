package io.scaffold.notifications.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the webhook dispatcher when a transaction that queued deliveries commits, so they do not wait for a poll. */
@ApplicationScoped
public class WebhookDispatchSignal {
    private static final Object REGISTERED = new Object();

    private final Semaphore permits = new Semaphore(0);
    private final TransactionSynchronizationRegistry transactions;

    public WebhookDispatchSignal(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /** Wakes the dispatcher once the current transaction has committed (at once without a transaction). */
    public void wakeAfterCommit() {
        if (transactions.getTransactionKey() == null) {
            wake();
            return;
        }
        if (transactions.getResource(REGISTERED) != null) {
            return;
        }
        transactions.putResource(REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    public void wake() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits until woken or the timeout passes. */
    void await(Duration timeout) throws InterruptedException {
        if (permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            permits.drainPermits();
        }
    }
}
