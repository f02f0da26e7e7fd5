package io.scaffold.notifications.service;

import io.quarkus.scheduler.Scheduled;
import io.scaffold.notifications.config.NotificationsConfig;
import io.scaffold.notifications.repository.StreamTicketRepository;
import io.scaffold.platform.problem.ApiProblem;
import io.scaffold.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Single-use, short-lived tickets for the live stream: a browser's EventSource cannot send an Authorization header,
 * and a bearer token in a URL would end up in logs for its whole lifetime.
 */
@ApplicationScoped
public class StreamTickets {
    private final StreamTicketRepository tickets;
    private final NotificationsConfig config;
    private final SecureRandom random = new SecureRandom();

    public StreamTickets(StreamTicketRepository tickets, NotificationsConfig config) {
        this.tickets = tickets;
        this.config = config;
    }

    public record Ticket(String ticket, Instant expiresAt) {
    }

    @Transactional
    public Ticket issue(String userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = Instant.now().plus(config.stream().ticketTtl()).truncatedTo(ChronoUnit.MILLIS);
        tickets.issue(hash(ticket), userId, expiresAt);
        return new Ticket(ticket, expiresAt);
    }

    /** The ticket's user; a used, expired or unknown ticket is a 401. */
    @Transactional
    public String redeem(String ticket) {
        if (ticket.length() > 100) {
            throw unauthenticated();
        }
        return tickets.redeem(hash(ticket), Instant.now()).orElseThrow(StreamTickets::unauthenticated);
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void deleteExpired() {
        tickets.deleteExpired(Instant.now());
    }

    private static ApiProblem unauthenticated() {
        return new ApiProblem(ProblemType.UNAUTHENTICATED, "The stream ticket is unknown, used or expired;"
                + " ask for a new one (POST /api/notifications/stream-tickets)");
    }

    private static String hash(String ticket) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
