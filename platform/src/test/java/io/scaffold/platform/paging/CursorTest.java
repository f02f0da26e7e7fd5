package io.scaffold.platform.paging;

import io.scaffold.platform.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

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

    @Test
    void typedAccessorsReadTheValuesThisServiceWrites() {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-11-22T10:00:00.123456Z");
        Cursor cursor = Cursor.decode(Cursor.of(at.toString(), id.toString(), Float.toString(0.0607927f),
                "42", "Ada Lovelace").encode(), 5);
        assertThat(cursor.instant(0)).isEqualTo(at);
        assertThat(cursor.uuid(1)).isEqualTo(id);
        assertThat(cursor.real(2)).isEqualTo(0.0607927f);
        assertThat(cursor.longValue(3)).isEqualTo(42L);
        assertThat(cursor.text(4)).isEqualTo("Ada Lovelace");
        assertThat(Cursor.of("1.0E-5").real(0)).isEqualTo(1.0E-5f);
        assertThat(Cursor.of("-7").longValue(0)).isEqualTo(-7L);
    }

    @Test
    void aValueOfTheWrongShapeIsAValidationProblemOnTheCursorParameter() {
        Cursor wrong = Cursor.of("not-a-uuid", "yesterday", "0.5f", "12abc", "bad\0text", "NaN", "Infinity",
                "1-1-1-1-1", "+10000-01-01T00:00:00Z", "99999999999999999999", "0x1p3", "");
        assertCursorProblem(() -> wrong.uuid(0));
        assertCursorProblem(() -> wrong.instant(1));
        assertCursorProblem(() -> wrong.real(2));
        assertCursorProblem(() -> wrong.longValue(3));
        assertCursorProblem(() -> wrong.text(4));
        assertCursorProblem(() -> wrong.real(5));
        assertCursorProblem(() -> wrong.real(6));
        assertCursorProblem(() -> wrong.uuid(7));
        assertCursorProblem(() -> wrong.instant(8));
        assertCursorProblem(() -> wrong.longValue(9));
        assertCursorProblem(() -> wrong.real(10));
        assertCursorProblem(() -> wrong.uuid(11));
        assertCursorProblem(() -> wrong.instant(11));
        assertCursorProblem(() -> wrong.real(11));
        assertCursorProblem(() -> wrong.longValue(11));
    }

    @Test
    void aListCursorReusedForASearchIsRejected() {
        Cursor byName = Cursor.decode(Cursor.of("gardeners", UUID.randomUUID().toString()).encode(), 2);
        assertCursorProblem(() -> byName.real(0));
        Cursor byTime = Cursor.decode(Cursor.of(Instant.now().toString(), UUID.randomUUID().toString()).encode(), 2);
        assertCursorProblem(() -> byTime.real(0));
        Cursor byRank = Cursor.decode(Cursor.of("0.5", UUID.randomUUID().toString()).encode(), 2);
        assertCursorProblem(() -> byRank.instant(0));
    }

    private static void assertCursorProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(ApiProblem.class)
                .satisfies(e -> assertThat(((ApiProblem) e).errors().get(0).field()).isEqualTo("cursor"));
    }
}
