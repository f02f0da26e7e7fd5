package io.scaffold.requests.repository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.scaffold.platform.sql.ScalarResults;
import io.scaffold.platform.sql.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words of request and resource titles ({@code search_word}), to correct what a person mistyped before
 * searching: a word that is not a known word becomes the known word nearest to it by trigram similarity. The answers
 * are kept in memory until words are next learnt: each keystroke repeats the complete words of the one before.
 */
@ApplicationScoped
public class SearchVocabulary {
    /** Trigram similarity (0..1) a known word needs to stand in for a typed one. */
    static final double MIN_SIMILARITY = 0.4;

    private final EntityManager em;
    private final TransactionSynchronizationRegistry transactions;
    /** The title-word starts too common to search alone, as of this replica's last refresh. */
    private volatile Set<String> commonTitleStarts = Set.of();
    /** A complete word's correction (empty: none), as of the last words learnt. */
    private final Cache<String, Optional<String>> wordCorrections = Caffeine.newBuilder().maximumSize(20_000).build();
    /** The same for a word being typed (corrected only when no known word starts so). */
    private final Cache<String, Optional<String>> prefixCorrections = Caffeine.newBuilder().maximumSize(20_000)
            .build();

    public SearchVocabulary(EntityManager em, TransactionSynchronizationRegistry transactions) {
        this.em = em;
        this.transactions = transactions;
    }

    /** Adds the words of this title (lower case, 3-40 letters or digits). */
    public void learn(String title) {
        em.createNativeQuery("""
                        INSERT INTO search_word (word)
                        SELECT DISTINCT w FROM regexp_split_to_table(lower(:title), '[^[:alnum:]]+') w
                        WHERE length(w) BETWEEN 3 AND 40 ON CONFLICT DO NOTHING""")
                .setParameter("title", title).executeUpdate();
        forgetCorrectionsOnceCommitted();
    }

    /**
     * Adds the words of the titles of requests created since {@code since} (read through the index on creation
     * time); how many were new. Edited titles are learnt as they are edited.
     */
    public int learnRequestTitlesSince(Instant since) {
        int learnt = em.createNativeQuery("""
                        INSERT INTO search_word (word)
                        SELECT DISTINCT w FROM help_request r, regexp_split_to_table(lower(r.title), '[^[:alnum:]]+') w
                        WHERE r.created_at >= :since AND length(w) BETWEEN 3 AND 40 ON CONFLICT DO NOTHING""")
                .setParameter("since", Timestamp.from(since)).executeUpdate();
        forgetCorrectionsOnceCommitted();
        return learnt;
    }

    /**
     * Drops the corrections when the words just learnt are visible to other transactions: dropped before the commit,
     * a keystroke in between would keep its old "no correction" answer until the next refresh pass.
     */
    private void forgetCorrectionsOnceCommitted() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) { // none, or one that will not commit
            forgetCorrections();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                forgetCorrections();
            }
        });
    }

    /**
     * Drops the corrections kept in memory: a word another replica learnt (or a word that stopped being mistyped)
     * is corrected anew. The refresh calls it at every pass, so they are never older than one.
     */
    public void forgetCorrections() {
        wordCorrections.invalidateAll();
        prefixCorrections.invalidateAll();
    }

    /** Share of rows above which a word is too common to find anything by itself ("fix", "error"). */
    static final double COMMON_WORD_SHARE = 0.01;
    /** ... and the fewest rows it must be in: in a small table no word is common, as every search is cheap. */
    static final int COMMON_WORD_ROWS = 1000;

    /**
     * Restates {@code search_common_word}: the lexemes and the title-word starts ({@code ^with}) that PostgreSQL's
     * column statistics count in more than {@link #COMMON_WORD_SHARE} of request or resource rows, and at least
     * {@link #COMMON_WORD_ROWS} of them. When every typed word together finds nothing, suggestions search any of the
     * typed words but these, which would each read a large part of the table for little meaning. Returns how many
     * rows changed.
     */
    public int refreshCommonWords() {
        String common = """
                SELECT DISTINCT c.lexeme
                FROM pg_stats s JOIN pg_namespace n ON n.nspname = s.schemaname
                     JOIN pg_class t ON t.relnamespace = n.oid AND t.relname = s.tablename,
                     unnest(CAST(CAST(s.most_common_elems AS text) AS text[]), s.most_common_elem_freqs)
                         AS c(lexeme, freq)
                WHERE s.schemaname = current_schema() AND s.tablename IN ('help_request', 'community_resource')
                  AND s.attname IN ('search', 'title_prefixes') AND c.lexeme IS NOT NULL
                  AND c.freq > :share AND c.freq * t.reltuples >= :rows""";
        int removed = em.createNativeQuery("DELETE FROM search_common_word WHERE lexeme NOT IN (" + common + ")")
                .setParameter("share", COMMON_WORD_SHARE).setParameter("rows", COMMON_WORD_ROWS).executeUpdate();
        int added = em.createNativeQuery("INSERT INTO search_common_word (lexeme) " + common
                        + " ON CONFLICT DO NOTHING")
                .setParameter("share", COMMON_WORD_SHARE).setParameter("rows", COMMON_WORD_ROWS).executeUpdate();
        List<String> starts = ScalarResults.list(em.createNativeQuery(
                "SELECT substr(lexeme, 2) FROM search_common_word WHERE starts_with(lexeme, '^')"), String.class);
        commonTitleStarts = Set.copyOf(starts);
        return removed + added;
    }

    /**
     * Whether titles starting a word this way are too many to search by that start alone ("with", "how"), as of
     * the last {@link #refreshCommonWords}.
     */
    public boolean isCommonTitleStart(String start) {
        return commonTitleStarts.contains(start);
    }

    /**
     * @param words  complete words, corrected when unknown
     * @param prefix the word still being typed (or null): corrected only when no known word starts with it
     * @return the replacements, typed word to known word
     */
    public Map<String, String> corrections(List<String> words, String prefix) {
        Map<String, String> corrections = new HashMap<>();
        Map<String, Optional<String>> found = new HashMap<>(wordCorrections.getAllPresent(words));
        List<String> unseen = words.stream().filter(w -> !found.containsKey(w)).distinct().toList();
        if (!unseen.isEmpty()) {
            unseen.forEach(w -> found.put(w, Optional.empty())); // known, or too short to correct
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                            SELECT t.typed, (SELECT s.word FROM search_word s WHERE s.word %% t.typed
                                               AND similarity(s.word, t.typed) >= :min
                                             ORDER BY similarity(s.word, t.typed) DESC, s.word LIMIT 1)
                            FROM unnest(CAST(:words AS text[])) AS t(typed)
                            WHERE length(t.typed) >= 3
                              AND NOT EXISTS (SELECT 1 FROM search_word k WHERE k.word = t.typed)""".formatted())
                    .setParameter("words", SqlArrays.text(unseen)).setParameter("min", MIN_SIMILARITY)
                    .getResultList();
            rows.forEach(r -> found.put((String) r[0], Optional.ofNullable((String) r[1])));
            unseen.forEach(w -> wordCorrections.put(w, found.get(w)));
        }
        found.forEach((word, correction) -> correction.ifPresent(c -> corrections.put(word, c)));
        if (prefix != null && prefix.length() >= 4) {
            prefixCorrections.get(prefix, this::prefixCorrection).ifPresent(w -> corrections.put(prefix, w));
        }
        return corrections;
    }

    private Optional<String> prefixCorrection(String prefix) {
        List<String> rows = ScalarResults.list(em.createNativeQuery("""
                        SELECT (SELECT s.word FROM search_word s WHERE s.word %% :typed
                                  AND similarity(s.word, :typed) >= :min
                                ORDER BY similarity(s.word, :typed) DESC, s.word LIMIT 1)
                        WHERE NOT EXISTS (SELECT 1 FROM search_word k WHERE k.word LIKE :pattern)""".formatted())
                .setParameter("typed", prefix).setParameter("min", MIN_SIMILARITY)
                .setParameter("pattern", prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                        + "%"), String.class);
        return rows.stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
