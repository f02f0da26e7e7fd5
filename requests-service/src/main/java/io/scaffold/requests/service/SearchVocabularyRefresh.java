package io.scaffold.requests.service;

import io.quarkus.scheduler.Scheduled;
import io.scaffold.requests.repository.SearchVocabulary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;

/**
 * Adds the words of new request titles to the typo-correction list, off the ask path (asking does not wait for it;
 * an edit learns its title at once). Each pass looks two minutes back, so a pass that was late or skipped misses
 * nothing; the inserts are idempotent, so replicas may overlap. It also restates the words too common to search
 * alone, as the column statistics count them.
 */
@ApplicationScoped
public class SearchVocabularyRefresh {
    private static final Duration LOOK_BACK = Duration.ofMinutes(2);

    private final SearchVocabulary vocabulary;

    public SearchVocabularyRefresh(SearchVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    @Scheduled(every = "${scaffold.requests.suggestions.vocabulary-refresh:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void learnNewTitles() {
        vocabulary.learnRequestTitlesSince(Instant.now().minus(LOOK_BACK));
        vocabulary.refreshCommonWords();
    }
}
