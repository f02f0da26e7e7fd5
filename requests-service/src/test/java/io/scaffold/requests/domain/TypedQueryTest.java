package io.scaffold.requests.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypedQueryTest {

    @Test
    void theLastWordIsAPrefixWhileItIsBeingTyped() {
        assertThat(TypedQuery.of("Kafka consumer lag").tsquery()).isEqualTo("kafka & consumer & lag:*");
        assertThat(TypedQuery.of("Kafka consumer la").tsquery()).as("from three characters")
                .isEqualTo("kafka & consumer");
        assertThat(TypedQuery.of("ka").tsquery()).as("unless it is the only word").isEqualTo("ka:*");
        assertThat(TypedQuery.of("Kafka consumer lag ").tsquery()).isEqualTo("kafka & consumer & lag");
        assertThat(TypedQuery.of("Kafka consumer lag?").tsquery()).isEqualTo("kafka & consumer & lag");
        assertThat(TypedQuery.of("Kafka consumer lag").anyWordTsquery()).isEqualTo("kafka | consumer | lag:*");
    }

    @Test
    void operatorsAndPunctuationAreNeverPassedToTheQueryParser() {
        TypedQuery query = TypedQuery.of("a & b | !c:* <-> 'd' (e)");
        assertThat(query.words()).containsExactly("a", "b", "c", "d", "e");
        assertThat(query.anyWordTsquery()).doesNotContain("&", "!", "<", "'", "(").endsWith("| e");
        assertThat(query.tsquery()).isEqualTo("a & b & c & d & e");
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
        assertThat(query.corrected(java.util.Map.of("kafak", "kafka")).tsquery())
                .isEqualTo("kafka & consumer & lag:*");
        assertThat(TypedQuery.of("kafka lag ").prefix()).isNull();
    }

    @Test
    void chosenTagsAddTheirWordsButNotToTheTextComparedWithTitles() {
        TypedQuery query = TypedQuery.of("lag after dep", java.util.List.of("kafka", "consumer-lag"));
        assertThat(query.tsquery()).isEqualTo("lag & after & dep:*");
        assertThat(query.anyWordTsquery()).isEqualTo("kafka | consumer | lag | after | dep:*");
        assertThat(query.text()).isEqualTo("lag after dep");
        assertThat(TypedQuery.of("", java.util.List.of("vpn", "tls")).tsquery()).isEqualTo("vpn | tls");
    }
}
