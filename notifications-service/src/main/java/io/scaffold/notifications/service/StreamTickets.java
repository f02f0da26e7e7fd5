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
import java.util.List;

/**
 * Short-lived tickets for the live stream: a browser's EventSource cannot send an Authorization header, and a bearer
 * token in a URL would end up in logs for its whole lifetime. A ticket opens one stream once; afterwards it serves
 * only that stream's own reconnects (the browser's, with Last-Event-ID), for a bounded time, so a leaked URL is of
 * little use.
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
        long unused = tickets.unusedOf(userId, Instant.now());
        if (unused >= config.limits().unusedTickets()) {
            throw ApiProblem.retryLater(ProblemType.TOO_MANY_REQUESTS, "You hold " + unused + " unused stream tickets;"
                    + " use one or let them expire (after " + config.stream().ticketTtl().toSeconds() + " s)",
                    config.stream().ticketTtl().toSeconds());
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant expiresAt = Instant.now().plus(config.stream().ticketTtl()).truncatedTo(ChronoUnit.MILLIS);
        tickets.issue(hash(ticket), userId, expiresAt);
        return new Ticket(ticket, expiresAt);
    }

    /** A redeemed ticket: whose stream it opens, and the hash that names that stream for its reconnects. */
    public record Redeemed(String userId, String ticketHash) {
    }

    /**
     * The ticket's user. A ticket opens one stream: its first use, before it expires; after that only that stream's
     * reconnects ({@code resuming}: the client sent Last-Event-ID, as EventSource does) while the stream is open or
     * dropped less than the resume window ago. Anything else is a 401.
     */
    @Transactional
    public Redeemed redeem(String ticket, boolean resuming) {
        String hash = hashOfPlausible(ticket);
        Instant now = Instant.now();
        return tickets.redeem(hash, now, resuming, now.plus(config.stream().resumeWindow()),
                        now.minus(config.stream().ticketMaxAge()))
                .map(userId -> new Redeemed(userId, hash))
                .orElseThrow(StreamTickets::unauthenticated);
    }

    /** The user a ticket would open a stream for, leaving it unused: a HEAD request spends no ticket. */
    @Transactional
    public String holder(String ticket, boolean resuming) {
        Instant now = Instant.now();
        return tickets.holder(hashOfPlausible(ticket), now, resuming, now.minus(config.stream().ticketMaxAge()))
                .orElseThrow(StreamTickets::unauthenticated);
    }

    /** The streams of these tickets are open: their reconnects stay allowed for a resume window from now. */
    @Transactional
    public void keepResumable(List<String> ticketHashes) {
        tickets.extendResume(ticketHashes, Instant.now().plus(config.stream().resumeWindow()));
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

    /** Issued tickets are 43 characters: anything far longer is refused before it is hashed. */
    private static String hashOfPlausible(String ticket) {
        if (ticket.length() > 100) {
            throw unauthenticated();
        }
        return hash(ticket);
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
