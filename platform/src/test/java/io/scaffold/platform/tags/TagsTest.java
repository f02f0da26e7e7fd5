package io.scaffold.platform.tags;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TagsTest {

    @Test
    void tagsAreLowerCasedTrimmedAndHyphenated() {
        assertThat(Tags.normalize("  Kafka Streams ")).isEqualTo("kafka-streams");
        assertThat(Tags.normalize("C++")).isEqualTo("c++");
        assertThat(Tags.normalize("Ünïcode")).isEqualTo("ünïcode");
    }

    @Test
    void somethingThatCannotBeATagIsRejected() {
        assertThat(Tags.normalize("")).isNull();
        assertThat(Tags.normalize("-leading")).isNull();
        assertThat(Tags.normalize("x".repeat(41))).isNull();
        assertThat(Tags.normalize("semi;colon")).isNull();
        assertThat(Tags.normalize(null)).isNull();
    }

    @Test
    void duplicatesCollapseInFirstSeenOrder() {
        assertThat(Tags.normalizeAll(List.of("Kafka", "ops", "kafka ", "OPS"))).containsExactly("kafka", "ops");
        assertThat(Tags.normalizeAll(null)).isEmpty();
    }

    @Test
    void invalidEntriesAreReportedByPosition() {
        assertThat(Tags.invalidIndexes(Arrays.asList("ok", "", "fine", null))).containsExactly(1, 3);
    }
}
