package org.confidant.report;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A report as CSV (RFC 4180, CRLF line ends): one line per day, then the totals, each
 * inbox and each agent; times in whole seconds. Inbox and agent names are typed by
 * people, so a cell that a spreadsheet would take for a formula (it starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) is prefixed
 * with an apostrophe, and every text cell is quoted.
 */
final class ReportCsv {

    static final String HEADER = "section,name,date,created,resolved,first_response_count,first_response_median_s,"
            + "first_response_p90_s,resolution_count,resolution_median_s,resolution_p90_s";

    private ReportCsv() {
    }

    static String of(Report report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (Report.Day day : report.days()) {
            csv.append(String.join(",", text("day"), "", day.date().toString(), Integer.toString(day.created()),
                    Integer.toString(day.resolved()), "", "", "", "", "", ""))
                .append("\r\n");
        }
        line(csv, "overall", report.overall());
        report.inboxes().forEach(row -> line(csv, "inbox", row));
        report.agents().forEach(row -> line(csv, "agent", row));
        return csv.toString();
    }

    private static void line(StringBuilder csv, String section, Report.Row row) {
        csv.append(String.join(",",
                List.of(text(section), text(row.name()), "", number(row.created()), Integer.toString(row.resolved()),
                        Integer.toString(row.firstResponse().count()), number(row.firstResponse().median()),
                        number(row.firstResponse().p90()), Integer.toString(row.resolution().count()),
                        number(row.resolution().median()), number(row.resolution().p90()))))
            .append("\r\n");
    }

    /**
     * A text cell: quoted, quotes doubled, and defused when a spreadsheet would read it
     * as a formula.
     */
    static String text(String value) {
        String cell = value;
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        return "\"" + cell.replace("\"", "\"\"") + "\"";
    }

    private static String number(@Nullable Number value) {
        return value == null ? "" : value.toString();
    }

}
