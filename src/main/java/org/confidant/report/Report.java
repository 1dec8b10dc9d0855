package org.confidant.report;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A report's figures for one member: the period, each of its days, the totals, one row
 * per inbox the member's scope covers and one per agent who answered first or was
 * assigned at resolution.
 */
public record Report(ReportPeriod period, List<Day> days, Row overall, List<Row> inboxes, List<Row> agents) {

    /** The conversations created and resolved on one day (UTC). */
    public record Day(LocalDate date, int created, int resolved) {
    }

    /**
     * One line of figures.
     *
     * @param created conversations created in the period (null for an agent)
     * @param resolved conversations resolved in the period (for an agent: resolved while
     * assigned to them)
     * @param firstResponse of the conversations created in the period and answered (for
     * an agent: those they answered first)
     * @param resolution of the conversations resolved in the period
     */
    public record Row(String name, @Nullable Integer created, int resolved, TimeFigures firstResponse,
            TimeFigures resolution) {
    }

    /** The totals' line, then each inbox's. */
    public List<Row> inboxLines() {
        return Stream.concat(Stream.of(overall), inboxes.stream()).toList();
    }

    /** The busiest day's count (at least 1), which the chart scales to. */
    public int busiestDay() {
        return Math.max(1, days.stream().mapToInt(d -> Math.max(d.created(), d.resolved())).max().orElse(0));
    }

}
