package org.confidant.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeFiguresTests {

    @Test
    void anOddCountHasItsMiddleValueAsMedian() {
        TimeFigures figures = TimeFigures.of(new long[] { 50, 10, 30, 20, 40 });
        assertThat(figures).isEqualTo(new TimeFigures(5, 30L, 50L));
    }

    @Test
    void anEvenCountHasTheMeanOfItsTwoMiddleValuesAsMedian() {
        assertThat(TimeFigures.of(new long[] { 40, 10, 30, 20 })).isEqualTo(new TimeFigures(4, 25L, 40L));
        // rounded down to the second
        assertThat(TimeFigures.of(new long[] { 10, 15 }).median()).isEqualTo(12L);
    }

    @Test
    void theNinetiethPercentileIsTheNearestRank() {
        long[] ten = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        assertThat(TimeFigures.of(ten).p90()).isEqualTo(9L);
        long[] eleven = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
        assertThat(TimeFigures.of(eleven).p90()).isEqualTo(10L);
        long[] twenty = new long[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = i + 1;
        }
        assertThat(TimeFigures.of(twenty).p90()).isEqualTo(18L);
        assertThat(TimeFigures.of(new long[] { 7 })).isEqualTo(new TimeFigures(1, 7L, 7L));
    }

    @Test
    void noDurationHasNoFigures() {
        TimeFigures none = TimeFigures.of(new long[0]);
        assertThat(none).isEqualTo(new TimeFigures(0, null, null));
        assertThat(none.medianText()).isEqualTo("—");
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(TimeFigures.readable(45L)).isEqualTo("45s");
        assertThat(TimeFigures.readable(200L)).isEqualTo("3m 20s");
        assertThat(TimeFigures.readable(7500L)).isEqualTo("2h 5m");
        assertThat(TimeFigures.readable(3 * 86400L + 4 * 3600L + 59)).isEqualTo("3d 4h");
    }

}
