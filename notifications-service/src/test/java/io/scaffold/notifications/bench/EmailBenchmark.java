package io.scaffold.notifications.bench;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.test.junit.QuarkusTest;
import io.scaffold.notifications.MailServerResource;
import io.scaffold.notifications.service.DigestRun;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail to the SMTP server in the test JVM (run with -Pbench; figures printed, never asserted). Immediate mail:
 * new-request events inviting helpers are published at a steady rate; for each, the delay from its publication to
 * the SMTP server accepting the invitation mail, beside a plain Kafka consumer's receipt of the same events (the
 * floor). Digests: 10,000 people with unread items in 20 communities, due at once; the run that composes and queues
 * their digests and the sending until the SMTP server accepted every one, beside the same mails sent straight
 * through the mailer (the SMTP floor) and a plain read of the same items (the database floor).
 */
@QuarkusTest
class EmailBenchmark {
    static final double RATE = Double.parseDouble(System.getProperty("bench.email.rate", "20"));
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
    static final int PEOPLE = Integer.getInteger("bench.email.people", 10_000);
    static final int ITEMS_EACH = 5;
    static final Pattern REQUEST_LINK = Pattern.compile("/api/requests/([0-9a-f-]{36})");

    @Inject
    DataSource dataSource;

    @Inject
    DigestRun digests;

    @Inject
    ReactiveMailer mailer;

    @Test
    void immediateMailFromEventToSmtpServer() throws Exception {
        List<String> helpers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            helpers.add("bench-helper-" + i);
        }
        execute("INSERT INTO known_person (user_id, name, email, observed_at) SELECT h, 'Helper ' || h,"
                + " h || '@example.org', now() FROM unnest(ARRAY['" + String.join("','", helpers) + "']) h"
                + " ON CONFLICT DO NOTHING");
        Map<String, Long> published = new ConcurrentHashMap<>();
        Map<String, Long> mailed = new ConcurrentHashMap<>();
        Map<String, Long> consumed = new ConcurrentHashMap<>();
        MailServerResource.server().purgeEmailFromAllMailboxes();
        Thread watcher = watchMailbox(mailed);
        int warmUpCount = (int) (RATE * 5);
        List<String[]> warmUp = WebhooksBenchmark.newRequests(warmUpCount, i -> List.of(helpers.get(i % 100)));
        WebhooksBenchmark.publish(warmUp, new ConcurrentHashMap<>(), System.nanoTime(), RATE);
        awaitSize(mailed, warmUpCount, 120);
        mailed.clear();

        Thread baseline = WebhooksBenchmark.baselineConsumer(consumed);
        int total = (int) (RATE * RUN.toSeconds());
        List<String[]> events = WebhooksBenchmark.newRequests(total, i -> List.of(helpers.get(i % 100)));
        WebhooksBenchmark.publish(events, published, System.nanoTime(), RATE);
        awaitSize(mailed, total, 180);
        awaitSize(consumed, total, 30);
        baseline.interrupt();
        watcher.interrupt();
        System.out.println();
        System.out.println("=== immediate e-mail (" + total + " invitations published at " + RATE + "/s) ===");
        System.out.println(WebhooksBenchmark.line("event -> SMTP server accepted the mail", published, mailed));
        System.out.println(WebhooksBenchmark.line("baseline: event -> plain Kafka consumer", published, consumed));
        io.scaffold.platform.testing.bench.BenchReport.record("immediate e-mail, event to SMTP server, p99 at "
                + (int) RATE + "/s (baseline: a plain Kafka consumer)", WebhooksBenchmark.p99(published, mailed),
                "ms", WebhooksBenchmark.p99(published, consumed),
                io.scaffold.platform.testing.bench.BenchReport.Target.below(2000, "ms"));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT status, last_error, count(*) FROM email_message"
                        + " WHERE kind = 'IMMEDIATE' GROUP BY 1, 2")) {
            while (rows.next()) {
                System.out.printf("immediate messages %s (%s): %d%n", rows.getString(1), rows.getString(2),
                        rows.getLong(3));
            }
        }
    }

    @Test
    void digestRunForTenThousandPeople() throws Exception {
        execute("""
                INSERT INTO community_view (id, name, visibility, updated_at)
                SELECT md5('bench-community-' || c)::uuid, 'Bench community ' || c, 'PUBLIC', now()
                FROM generate_series(1, 20) c ON CONFLICT DO NOTHING""");
        execute("INSERT INTO known_person (user_id, name, email, zoneinfo, observed_at) SELECT 'digest-' || p,"
                + " 'Digest Reader ' || p, 'digest-' || p || '@example.org', 'Europe/Paris', now()"
                + " FROM generate_series(1, " + PEOPLE + ") p ON CONFLICT DO NOTHING");
        execute("INSERT INTO notification (id, user_id, kind, title, body, link, source_event_id, subject_id,"
                + " community_id, event_count, status, created_at, updated_at)"
                + " SELECT nextval('notification_id_seq'), 'digest-' || p, 'MEMBERSHIP_APPROVED',"
                + " 'You joined Bench community ' || ((p + i) % 20 + 1), 'Your request to join was approved.',"
                + " '/api/communities/' || md5('bench-community-' || ((p + i) % 20 + 1))::uuid,"
                + " md5(p || '-' || i), md5('bench-community-' || ((p + i) % 20 + 1))::uuid::text,"
                + " md5('bench-community-' || ((p + i) % 20 + 1))::uuid, 1, 'UNREAD', now() - interval '1 hour',"
                + " now() - interval '1 hour'"
                + " FROM generate_series(1, " + PEOPLE + ") p, generate_series(1, " + ITEMS_EACH + ") i");
        execute("INSERT INTO digest_pending (user_id, since) SELECT 'digest-' || p, now() - interval '1 hour'"
                + " FROM generate_series(1, " + PEOPLE + ") p ON CONFLICT DO NOTHING");
        execute("ANALYZE");
        MailServerResource.server().purgeEmailFromAllMailboxes();
        for (int p = 1; p <= PEOPLE; p++) { // the server's accounts exist before both runs: same work for each
            MailServerResource.server().setUser("digest-" + p + "@example.org", "digest-" + p);
        }

        long databaseFloor = System.nanoTime();
        int rows = count("SELECT count(*) FROM notification n JOIN community_view c ON c.id = n.community_id"
                + " WHERE n.user_id LIKE 'digest-%' AND n.status = 'UNREAD' AND n.mailed_at IS NULL");
        databaseFloor = System.nanoTime() - databaseFloor;

        io.scaffold.platform.testing.bench.BenchDatabase db = new io.scaffold.platform.testing.bench.BenchDatabase(
                dataSource);
        db.resetStatements();
        long start = System.nanoTime();
        int queued = digests.run(Instant.now().plus(Duration.ofDays(1)));
        long composed = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) WITH due AS MATERIALIZED ("
                        + " SELECT id FROM email_message WHERE status = 'PENDING' AND next_attempt_at <= now()"
                        + " ORDER BY next_attempt_at LIMIT 100 FOR UPDATE SKIP LOCKED)"
                        + " UPDATE email_message m SET attempts = m.attempts FROM due WHERE m.id = due.id"
                        + " RETURNING m.id, m.text_body, m.html_body")) {
            while (plan.next()) {
                System.out.println("claim plan, sender running: " + plan.getString(1));
            }
        }
        long deadline = composed + TimeUnit.MINUTES.toNanos(5);
        String accepted = "SELECT count(*) FROM email_message WHERE kind = 'DIGEST' AND status = 'SENT'"
                + " AND user_id LIKE 'digest-%'";
        while (count(accepted) < queued && System.nanoTime() < deadline) { // SENT: the SMTP server took it
            Thread.sleep(1000);
        }
        long delivered = System.nanoTime();
        int received = count(accepted);
        db.printStatements("digest run and sender, " + PEOPLE + " people", 10);

        // The SMTP floor: the very same mails, sent straight through the mailer, as many in flight as the sender.
        List<Mail> same = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet mail = statement.executeQuery("SELECT recipient, subject, text_body, html_body"
                        + " FROM email_message WHERE kind = 'DIGEST' AND user_id LIKE 'digest-%'")) {
            while (mail.next()) {
                same.add(Mail.withHtml(mail.getString(1), mail.getString(2), mail.getString(4))
                        .setText(mail.getString(3)));
            }
        }
        MailServerResource.server().purgeEmailFromAllMailboxes();
        long floor = System.nanoTime();
        for (int from = 0; from < same.size(); from += 100) {
            List<Uni<Void>> batch = same.subList(from, Math.min(same.size(), from + 100)).stream()
                    .map(mailer::send).toList();
            Uni.join().all(batch).andFailFast().await().atMost(Duration.ofMinutes(1));
        }
        floor = System.nanoTime() - floor;

        System.out.println();
        System.out.println("=== daily digest run (" + PEOPLE + " people due at once, " + ITEMS_EACH
                + " unread items each in 20 communities) ===");
        System.out.printf("composed and queued: %d digests in %.1f s (%.0f per second)%n", queued,
                (composed - start) / 1e9, queued / ((composed - start) / 1e9));
        System.out.printf("accepted by the SMTP server: %d in %.1f s after the run started%n", received,
                (delivered - start) / 1e9);
        System.out.printf("baseline, SMTP floor: the same %d mails sent straight through the mailer in %.1f s%n",
                same.size(), floor / 1e9);
        System.out.printf("baseline, database floor: a plain read of the %d items in %.2f s%n", rows,
                databaseFloor / 1e9);
        io.scaffold.platform.testing.bench.BenchReport.record("digest run for " + PEOPLE + " people due at once,"
                + " composed and queued (baseline: the same mails straight through the mailer)",
                (composed - start) / 1e9, "s", floor / 1e9,
                io.scaffold.platform.testing.bench.BenchReport.Target.below(30, "s"));
    }

    /**
     * Notes when the SMTP server accepted each invitation mail (its text links the request). The server lists
     * messages mailbox by mailbox, not in arrival order: each is recognised by its Message-ID.
     */
    private static Thread watchMailbox(Map<String, Long> mailed) {
        Thread thread = new Thread(() -> {
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!Thread.currentThread().isInterrupted()) {
                MimeMessage[] messages = MailServerResource.server().getReceivedMessages();
                long now = System.nanoTime();
                for (MimeMessage message : messages) {
                    try {
                        if (seen.add(message.getMessageID())) {
                            Matcher link = REQUEST_LINK.matcher(text(message));
                            if (link.find()) {
                                mailed.putIfAbsent(link.group(1), now);
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "mailbox-watcher");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The decoded text of every part (bodies are quoted-printable: a raw read would split the links). */
    private static String text(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i)));
            }
            return all.toString();
        }
        return part.isMimeType("text/*") ? part.getContent().toString() : "";
    }

    private static void awaitSize(Map<String, Long> map, int size, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (map.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private int count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
