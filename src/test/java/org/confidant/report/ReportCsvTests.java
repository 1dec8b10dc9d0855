package org.confidant.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportCsvTests {

    @Test
    void cellsASpreadsheetWouldRunAreDefused() {
        assertThat(ReportCsv.text("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
        assertThat(ReportCsv.text("+1+cmd|' /C calc'!A0")).isEqualTo("\"'+1+cmd|' /C calc'!A0\"");
        assertThat(ReportCsv.text("-2+3")).isEqualTo("\"'-2+3\"");
        assertThat(ReportCsv.text("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(ReportCsv.text("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(ReportCsv.text("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(ReportCsv.text("Support, \"EU\"")).isEqualTo("\"Support, \"\"EU\"\"\"");
        assertThat(ReportCsv.text("a=1")).isEqualTo("\"a=1\"");
        assertThat(ReportCsv.text("")).isEqualTo("\"\"");
    }

    @Test
    void aReportIsOneLinePerDayThenTotalsInboxesAndAgents() {
        TimeFigures none = TimeFigures.of(new long[0]);
        Report report = new Report(new ReportPeriod(LocalDate.parse("2030-03-01"), LocalDate.parse("2030-03-02"), 0),
                List.of(new Report.Day(LocalDate.parse("2030-03-01"), 2, 1),
                        new Report.Day(LocalDate.parse("2030-03-02"), 0, 0)),
                new Report.Row("All inboxes", 2, 1, TimeFigures.of(new long[] { 60, 120 }),
                        TimeFigures.of(new long[] { 3600 })),
                List.of(new Report.Row("=cmd", 2, 1, none, none)),
                List.of(new Report.Row("@Ada", null, 1, TimeFigures.of(new long[] { 60 }), none)));
        assertThat(ReportCsv.of(report)).isEqualTo(ReportCsv.HEADER + "\r\n" + "\"day\",,2030-03-01,2,1,,,,,,\r\n"
                + "\"day\",,2030-03-02,0,0,,,,,,\r\n" + "\"overall\",\"All inboxes\",,2,1,2,90,120,1,3600,3600\r\n"
                + "\"inbox\",\"'=cmd\",,2,1,0,,,0,,\r\n" + "\"agent\",\"'@Ada\",,,1,1,60,60,0,,\r\n");
    }

}
