package io.scaffold.requests.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypedQueryTest {

    @Test
    void theLastWordIsATitleWordStartWhileItIsBeingTyped() {
        TypedQuery typing = TypedQuery.of("Kafka consumer lag");
        assertThat(typing.wordsTsquery()).isEqualTo("kafka & consumer");
        assertThat(typing.titlePrefix()).isEqualTo("lag");
        assertThat(TypedQuery.of("Kafka consumer la").titlePrefix()).as("from three characters").isNull();
        assertThat(TypedQuery.of("Kafka consumer la").wordsTsquery()).isEqualTo("kafka & consumer");
        assertThat(TypedQuery.of("Kafka consumer lag ").wordsTsquery()).isEqualTo("kafka & consumer & lag");
        assertThat(TypedQuery.of("Kafka consumer lag ").titlePrefix()).isNull();
        assertThat(TypedQuery.of("Kafka consumer lag?").wordsTsquery()).isEqualTo("kafka & consumer & lag");
        assertThat(TypedQuery.of("Kafka consumer lag").anyWordTsquery()).isEqualTo("kafka | consumer");
    }

    @Test
    void aLoneShortWordIsSearchedAsAWholeWordAndALoneLongerOneAsAStart() {
        assertThat(TypedQuery.of("ux").wordsTsquery()).isEqualTo("ux");
        assertThat(TypedQuery.of("ux").titlePrefix()).isNull();
        assertThat(TypedQuery.of("postg").wordsTsquery()).isNull();
        assertThat(TypedQuery.of("postg").titlePrefix()).isEqualTo("postg");
    }

    @Test
    void theWordBeingTypedIsCutToTwentyCharactersAsTheIndexKeepsThem() {
        assertThat(TypedQuery.of("internationalization-readiness").titlePrefix()).isEqualTo("readiness");
        assertThat(TypedQuery.of("antidisestablishmentarianism").titlePrefix()).isEqualTo("antidisestablishment");
        assertThat(TypedQuery.of("ŕŕŕŕŕŕŕŕŕŕŕŕŕŕŕŕŕŕŕŕŕŕ").titlePrefix()).hasSize(20);
    }

    @Test
    void operatorsAndPunctuationAreNeverPassedToTheQueryParser() {
        TypedQuery query = TypedQuery.of("a & b | !c:* <-> 'd' (e)");
        assertThat(query.words()).containsExactly("a", "b", "c", "d", "e");
        assertThat(query.anyWordTsquery()).doesNotContain("&", "!", "<", "'", "(").endsWith("| e");
        assertThat(query.wordsTsquery()).isEqualTo("a & b & c & d & e");
    }

    @Test
    void onlyTheLastEightWordsAreKept() {
        assertThat(TypedQuery.of("one two three four five six seven eight nine ten").words())
                .containsExactly("three", "four", "five", "six", "seven", "eight", "nine", "ten");
    }

    @Test
    void nothingToSearchWithoutLettersOrDigits() {
        assertThat(TypedQuery.of("  ?!  ").isEmpty()).isTrue();
        assertThat(TypedQuery.of(null).isEmpty()).isTrue();
        assertThat(TypedQuery.of("Ünïcode wörds").words()).containsExactly("ünïcode", "wörds");
    }

    @Test
    void mistypedWordsAreReplacedAndTheWordBeingTypedStaysAPrefix() {
        TypedQuery query = TypedQuery.of("kafak consumer lag");
        assertThat(query.completeWords()).containsExactly("kafak", "consumer");
        assertThat(query.prefix()).isEqualTo("lag");
        TypedQuery corrected = query.corrected(java.util.Map.of("kafak", "kafka"));
        assertThat(corrected.wordsTsquery()).isEqualTo("kafka & consumer");
        assertThat(corrected.titlePrefix()).isEqualTo("lag");
        assertThat(TypedQuery.of("kafka lag ").prefix()).isNull();
    }

    @Test
    void chosenTagsAddTheirWordsButNotToTheTextComparedWithTitles() {
        TypedQuery query = TypedQuery.of("lag after dep", java.util.List.of("kafka", "consumer-lag"));
        assertThat(query.wordsTsquery()).isEqualTo("lag & after");
        assertThat(query.anyWordTsquery()).isEqualTo("kafka | consumer | lag | after");
        assertThat(query.text()).isEqualTo("lag after dep");
        assertThat(TypedQuery.of("", java.util.List.of("vpn", "tls")).wordsTsquery()).isEqualTo("vpn | tls");
    }
}
