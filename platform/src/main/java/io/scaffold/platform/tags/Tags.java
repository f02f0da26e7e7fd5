package io.scaffold.platform.tags;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tags and skills are short normalised words: lower case, trimmed, inner spaces as hyphens, e.g. {@code kafka},
 * {@code spring-boot}, {@code c++}. The one format of tags and skills in every service and event. Normalising makes "Kafka " and "kafka" the same skill for routing and search.
 */
public final class Tags {
    public static final int MAX_LENGTH = 40;
    static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}+#./_-]{0,39}");

    private Tags() {
    }

    /** The normalised form, or null when the input cannot be a tag. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String tag = raw.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-");
        return VALID.matcher(tag).matches() ? tag : null;
    }

    /** Normalised, without duplicates, in first-seen order. Invalid entries are reported by the caller's validation. */
    public static List<String> normalizeAll(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String value : raw) {
            String tag = normalize(value);
            if (tag != null) {
                tags.add(tag);
            }
        }
        return new ArrayList<>(tags);
    }

    /** Indexes (in the input) of the entries that are not valid tags. */
    public static List<Integer> invalidIndexes(List<String> raw) {
        List<Integer> invalid = new ArrayList<>();
        if (raw != null) {
            for (int i = 0; i < raw.size(); i++) {
                if (normalize(raw.get(i)) == null) {
                    invalid.add(i);
                }
            }
        }
        return invalid;
    }
}
