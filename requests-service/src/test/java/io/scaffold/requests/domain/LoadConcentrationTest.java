package io.scaffold.requests.domain;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadConcentrationTest {

    @Test
    void theBusiestTenthOfHelpersIsAtLeastOnePerson() {
        assertThat(LoadConcentration.topDecileShare(List.of(3L, 1L))).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void withTwentyHelpersTheTopTwoCount() {
        List<Long> counts = new java.util.ArrayList<>(Collections.nCopies(18, 1L));
        counts.add(10L);
        counts.add(12L);
        assertThat(LoadConcentration.topDecileShare(counts)).isCloseTo(22.0 / 40.0, within(1e-9));
    }

    @Test
    void nobodyHelpedMeansNoFigure() {
        assertThat(LoadConcentration.topDecileShare(List.of())).isNull();
    }
}
