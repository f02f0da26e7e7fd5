package io.scaffold.requests.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a person has typed so far, as a search: its words (letters and digits only, so nothing they type is read as a
 * query operator), the last one a prefix while they are still typing it, and the words of the tags they chose. Every
 * typed word must match; only when that finds nothing does any word do.
 */
public record TypedQuery(List<String> words, boolean lastIsPrefix, List<String> tagWords) {
    /** More words than this add nothing to a title-sized search; the last ones typed are kept. */
    static final int MAX_WORDS = 8;
    /** Characters of the word being typed before it is searched for as a prefix. */
    static final int MIN_PREFIX = 3;
    /** The longest title-word start the index holds ({@code scaffold_word_prefixes} in the V5 migration). */
    static final int MAX_PREFIX = 20;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    public static TypedQuery of(String typed) {
        return of(typed, List.of());
    }

    public static TypedQuery of(String typed, List<String> tags) {
        List<String> words = words(typed == null ? "" : typed);
        if (words.size() > MAX_WORDS) {
            words = new ArrayList<>(words.subList(words.size() - MAX_WORDS, words.size()));
        }
        boolean stillTyping = typed != null && !typed.isEmpty()
                && Character.isLetterOrDigit(typed.charAt(typed.length() - 1));
        Set<String> tagWords = new LinkedHashSet<>();
        tags.forEach(tag -> tagWords.addAll(words(tag)));
        words.forEach(tagWords::remove);
        return new TypedQuery(List.copyOf(words), stillTyping && !words.isEmpty(), List.copyOf(tagWords));
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    public boolean isEmpty() {
        return words.isEmpty() && tagWords.isEmpty();
    }

    /**
     * Every complete word, for {@code to_tsquery} (a lone word of one or two letters counts as complete: as a prefix
     * it would match a large part of all words, for little meaning); without typed words, any of the tags' words;
     * null when only a {@link #titlePrefix()} is typed.
     */
    public String wordsTsquery() {
        List<String> complete = searchedWords();
        if (!complete.isEmpty()) {
            return String.join(" & ", complete);
        }
        return words.isEmpty() && !tagWords.isEmpty() ? String.join(" | ", tagWords) : null;
    }

    /**
     * The looser query, when every word together finds nothing: any of the complete words and tags' words (the
     * {@link #titlePrefix()} is searched beside it); null when there are none.
     */
    public String anyWordTsquery() {
        List<String> terms = new ArrayList<>(tagWords);
        terms.addAll(searchedWords());
        return terms.isEmpty() ? null : String.join(" | ", terms);
    }

    /**
     * The word being typed, matched against the start of title words, from its third character and at most
     * {@link #MAX_PREFIX} characters long (the index holds title-word starts of 3 to 20 characters); null when there
     * is none.
     */
    public String titlePrefix() {
        String prefix = prefix();
        if (prefix == null || prefix.length() < MIN_PREFIX) {
            return null;
        }
        // Characters, as PostgreSQL counts them, not UTF-16 units.
        return prefix.codePointCount(0, prefix.length()) > MAX_PREFIX
                ? prefix.substring(0, prefix.offsetByCodePoints(0, MAX_PREFIX)) : prefix;
    }

    private List<String> searchedWords() {
        if (lastIsPrefix && words.size() == 1 && words.get(0).length() < MIN_PREFIX) {
            return words;
        }
        return completeWords();
    }

    /** The complete words (not the one still being typed). */
    public List<String> completeWords() {
        return lastIsPrefix ? words.subList(0, words.size() - 1) : words;
    }

    /** The word still being typed, or null. */
    public String prefix() {
        return lastIsPrefix ? words.get(words.size() - 1) : null;
    }

    /** The same query with mistyped words replaced (typed word to known word). */
    public TypedQuery corrected(java.util.Map<String, String> corrections) {
        if (corrections.isEmpty()) {
            return this;
        }
        return new TypedQuery(words.stream().map(w -> corrections.getOrDefault(w, w)).toList(), lastIsPrefix,
                tagWords);
    }

    /** The typed words, for trigram similarity with titles. */
    public String text() {
        return String.join(" ", words);
    }
}
