package io.scaffold.notifications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * E-mail ({@code scaffold.notifications.email.*}). The SMTP server itself is Quarkus Mailer's configuration:
 * {@code quarkus.mailer.host}, {@code port}, {@code tls}/{@code start-tls}, {@code username}, {@code password},
 * {@code from}.
 */
@ConfigMapping(prefix = "scaffold.notifications.email")
public interface EmailConfig {

    /**
     * The app's address: links in mails and the unsubscribe link start with it. Unset: the suite's public address
     * ({@code SCAFFOLD_PUBLIC_URL}, the gateway's), where the app and its API are served.
     */
    Optional<String> appUrl();

    /** Whether this replica sends mail (several may: messages are leased in the database). */
    @WithDefault("true")
    boolean senderEnabled();

    /** How often the sender looks for mail to send. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Messages taken per pass, sent in parallel over the mailer's connection pool. */
    @WithDefault("100")
    int batchSize();

    /** How long one attempt may take before another replica may take the message again. */
    @WithDefault("2m")
    Duration lease();

    /**
     * How long one message may take at the SMTP server (waiting for a pooled connection, greeting, envelope, data)
     * before the attempt counts as failed and is retried with backoff: a server that accepts the connection and then
     * stalls would otherwise hold the whole batch until its own socket timeout, or the lease.
     */
    @WithDefault("60s")
    Duration sendTimeout();

    /** First wait after a failed attempt (SMTP down or refusing); doubles each time up to {@link #maxBackoff()}. */
    @WithDefault("30s")
    Duration initialBackoff();

    @WithDefault("1h")
    Duration maxBackoff();

    /** A message still failing this long after it was queued is given up (FAILED, logged and counted). */
    @WithDefault("24h")
    Duration retryFor();

    /**
     * How old an unread item may be and still be mailed when its person's address arrives. That address comes in a
     * person event from the service they called, on another topic than the event that made the item, so it may
     * come after it: someone who joins a community and is invited a moment later. Their items of this window that
     * they get by e-mail at once are then queued.
     */
    @WithDefault("1h")
    Duration addressWait();

    /** How often the digest run looks for people whose digest time has come. */
    @WithDefault("1m")
    Duration digestCheckInterval();

    /** People claimed per digest transaction. */
    @WithDefault("500")
    int digestBatchSize();

    /** A digest lists unread items no older than this (a first digest after months away stays short). */
    @WithDefault("P14D")
    Duration digestLookback();

    /** How long sent, skipped and failed messages are kept (the mail log). */
    @WithDefault("P7D")
    Duration retention();
}
