package io.scaffold.notifications.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.scaffold.notifications.config.EmailConfig;
import io.scaffold.notifications.repository.DigestRepository;
import io.scaffold.notifications.repository.EmailMessageRepository;
import io.scaffold.notifications.repository.EmailMessageRepository.Item;
import io.scaffold.notifications.repository.PersonDirectory;
import io.scaffold.platform.people.PersonClaims;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Digests: people whose digest time (daily or weekly, on their own clock) came since their oldest waiting item get
 * one mail listing their unread digest items grouped by community. Each person is claimed in the database, so with
 * several replicas a digest still goes out once; an item read meanwhile is left out, and an item mailed is never
 * mailed again. Nothing to say: no mail.
 */
@ApplicationScoped
public class DigestRun {
    private static final Logger LOG = Logger.getLogger(DigestRun.class);
    /** Items listed per digest; the rest wait in the inbox ("there is more"). */
    static final int MAX_ITEMS = 50;

    private final DigestRepository digests;
    private final EmailMessageRepository messages;
    private final PersonDirectory people;
    private final EmailRenderer renderer;
    private final UnsubscribeLinks unsubscribe;
    private final EmailSender sender;
    private final EmailConfig config;

    public DigestRun(DigestRepository digests, EmailMessageRepository messages, PersonDirectory people,
            EmailRenderer renderer, UnsubscribeLinks unsubscribe, EmailSender sender, EmailConfig config) {
        this.digests = digests;
        this.messages = messages;
        this.people = people;
        this.renderer = renderer;
        this.unsubscribe = unsubscribe;
        this.sender = sender;
        this.config = config;
    }

    @Scheduled(every = "${scaffold.notifications.email.digest-check-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            run(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("digest run failed (%s); the next one retries", e.getMessage());
        }
    }

    /**
     * @param at the moment whose due digests to send (the scheduler's: now); what is written is stamped with the
     *           clock
     * @return how many digests were queued
     */
    public int run(Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        List<String> due = QuarkusTransaction.requiringNew().call(digests::waiting).stream()
                .filter(w -> w.schedule().dueFor(w.since(), now)).map(DigestRepository.Waiting::userId).toList();
        int queued = 0;
        for (int from = 0; from < due.size(); from += config.digestBatchSize()) {
            List<String> batch = due.subList(from, Math.min(due.size(), from + config.digestBatchSize()));
            queued += QuarkusTransaction.requiringNew().call(() -> digest(batch, now));
        }
        if (queued > 0) {
            LOG.infof("digest run: %d digests queued for %d people due", queued, due.size());
            sender.wake();
        }
        return queued;
    }

    private int digest(List<String> batch, Instant now) {
        List<String> claimed = digests.claim(batch);
        if (claimed.isEmpty()) {
            return 0;
        }
        Map<String, PersonClaims> addresses = new LinkedHashMap<>();
        people.find(claimed).forEach((id, person) -> {
            if (person.email() != null) {
                addresses.put(id, person);
            }
        });
        if (addresses.isEmpty()) {
            return 0;
        }
        Map<String, List<Item>> byPerson = new LinkedHashMap<>();
        for (Item item : digests.items(List.copyOf(addresses.keySet()), now.minus(config.digestLookback()),
                MAX_ITEMS + 1)) {
            byPerson.computeIfAbsent(item.userId(), u -> new ArrayList<>()).add(item);
        }
        List<Long> mailed = new ArrayList<>();
        Instant clock = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byPerson.forEach((userId, items) -> {
            boolean truncated = items.size() > MAX_ITEMS;
            List<Item> listed = truncated ? items.subList(0, MAX_ITEMS) : items;
            PersonClaims person = addresses.get(userId);
            String link = unsubscribe.url(userId, UnsubscribeLinks.DIGEST);
            EmailRenderer.Rendered mail = renderer.digest(listed, truncated, person.name(), link);
            messages.enqueueDigest(userId, person.email(), mail.subject(), mail.text(), mail.html(), link, clock);
            listed.forEach(item -> mailed.add(item.id()));
        });
        digests.mailed(mailed, clock);
        return byPerson.size();
    }
}
