package io.scaffold.requests.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.scaffold.requests.repository.HelpRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Escalations waiting for the scanner, for alerts: open requests whose next rung is due, and those due for longer
 * than {@link #OVERDUE} (a healthy scan takes due rungs within one scan interval, 15 s by default).
 */
@ApplicationScoped
public class EscalationBacklog {
    static final Duration OVERDUE = Duration.ofMinutes(5);

    private final HelpRequestRepository requests;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong overdue = new AtomicLong();

    public EscalationBacklog(HelpRequestRepository requests, MeterRegistry meters) {
        this.requests = requests;
        Gauge.builder("scaffold.escalations.due", due, AtomicLong::get)
                .description("Open requests whose next escalation rung is due").register(meters);
        Gauge.builder("scaffold.escalations.overdue", overdue, AtomicLong::get)
                .description("Open requests whose next rung has been due for more than 5 minutes").register(meters);
    }

    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        Instant now = Instant.now();
        due.set(requests.countDueForEscalation(now));
        overdue.set(requests.countDueForEscalation(now.minus(OVERDUE)));
    }
}
