package io.scaffold.platform.paging;

import io.scaffold.platform.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {

    @Test
    void aCursorRoundTripsItsSortKeys() {
        Cursor cursor = Cursor.of("2026-11-22T10:00:00Z", "6f1c-id");
        assertThat(Cursor.decode(cursor.encode(), 2)).isEqualTo(cursor);
    }

    @Test
    void noCursorMeansTheFirstPage() {
        assertThat(Cursor.decode(null, 2)).isNull();
        assertThat(Cursor.decode(" ", 2)).isNull();
    }

    @Test
    void aForeignOrTamperedCursorIsAValidationProblemOnTheCursorParameter() {
        assertThatThrownBy(() -> Cursor.decode("%%%not-base64", 2)).isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).errors().get(0).field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> Cursor.decode(Cursor.of("only-one").encode(), 2)).isInstanceOf(ApiProblem.class);
    }
}
