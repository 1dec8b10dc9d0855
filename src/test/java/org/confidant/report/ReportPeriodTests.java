package org.confidant.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.confidant.shared.Rejected;
import org.junit.jupiter.api.Test;

class ReportPeriodTests {

    private static final LocalDate TODAY = LocalDate.parse("2030-03-10");

    @Test
    void presetsEndTodayAndCountTodayIn() {
        assertThat(ReportPeriod.of("7", null, null, TODAY))
            .isEqualTo(new ReportPeriod(LocalDate.parse("2030-03-04"), TODAY, 7));
        assertThat(ReportPeriod.of(null, "", " ", TODAY).days()).isEqualTo(ReportPeriod.DEFAULT_DAYS);
        assertThat(ReportPeriod.of("90", null, null, TODAY).days()).isEqualTo(90);
    }

    @Test
    void chosenDaysAreWholeUtcDaysBothIncluded() {
        ReportPeriod period = ReportPeriod.of("7", "2030-02-27", "2030-03-01", TODAY);
        assertThat(period).isEqualTo(new ReportPeriod(LocalDate.parse("2030-02-27"), LocalDate.parse("2030-03-01"), 0));
        assertThat(period.days()).isEqualTo(3);
        assertThat(period.start()).isEqualTo(Instant.parse("2030-02-27T00:00:00Z"));
        assertThat(period.end()).isEqualTo(Instant.parse("2030-03-02T00:00:00Z"));
    }

    @Test
    void badPeriodsAreRefused() {
        for (String[] bad : new String[][] { { "8", null, null }, { "seven", null, null }, { "-7", null, null },
                { null, "2030-03-01", null }, { null, null, "2030-03-01" }, { null, "2030-03-02", "2030-03-01" },
                { null, "2030-13-01", "2030-03-01" }, { null, "1/3/2030", "2030-03-01" },
                { null, "2028-01-01", "2029-01-01" } }) {
            assertThatThrownBy(() -> ReportPeriod.of(bad[0], bad[1], bad[2], TODAY)).isInstanceOf(Rejected.class)
                .extracting("code")
                .isEqualTo("bad_period");
        }
        assertThat(ReportPeriod.of(null, "2029-01-01", "2029-12-31", TODAY).days()).isEqualTo(365);
        assertThat(ReportPeriod.of(null, "2028-01-01", "2028-12-31", TODAY).days()).isEqualTo(ReportPeriod.MAX_DAYS);
    }

}
