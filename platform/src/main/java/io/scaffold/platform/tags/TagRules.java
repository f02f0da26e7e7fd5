package io.scaffold.platform.tags;

/** The shape of a tag or skill as clients may send it (it is then normalised to lower case). */
public final class TagRules {
    public static final String PATTERN = "\\s*[\\p{L}\\p{N}][\\p{L}\\p{N}+#./_ -]{0,39}\\s*";
    public static final String MESSAGE = "must be 1-40 letters, digits or + # . / _ - (starting with a letter or digit)";

    private TagRules() {
    }
}
