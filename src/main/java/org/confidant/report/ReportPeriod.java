package org.confidant.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import org.confidant.shared.Rejected;
import org.jspecify.annotations.Nullable;

/**
 * The whole days, in UTC, a report covers: {@code from} to {@code to}, both included.
 *
 * @param preset the number of days when the period is the last 7, 30 or 90 days ending
 * today; 0 for chosen dates
 */
public record ReportPeriod(LocalDate from, LocalDate to, int preset) {

    /** The preset periods, in days. */
    public static final Set<Integer> PRESETS = Set.of(7, 30, 90);

    /** The longest chosen period, in days. */
    public static final int MAX_DAYS = 366;

    /** The period a page without a choice shows, in days. */
    public static final int DEFAULT_DAYS = 30;

    /**
     * The period a request asks for: chosen dates when both are given, else the last
     * {@code days} days ending {@code today}.
     * @throws Rejected {@code bad_period}: days other than 7, 30 or 90, a date that is
     * not {@code yyyy-mm-dd}, only one date, the end before the start, or over
     * {@value #MAX_DAYS} days
     */
    public static ReportPeriod of(@Nullable String days, @Nullable String from, @Nullable String to, LocalDate today) {
        boolean hasFrom = from != null && !from.isBlank();
        boolean hasTo = to != null && !to.isBlank();
        if (hasFrom || hasTo) {
            if (!hasFrom || !hasTo) {
                throw refused("Choose both a first and a last day.");
            }
            LocalDate first = date(from);
            LocalDate last = date(to);
            if (last.isBefore(first)) {
                throw refused("The last day comes before the first.");
            }
            if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
                throw refused("A report covers at most " + MAX_DAYS + " days.");
            }
            return new ReportPeriod(first, last, 0);
        }
        int length = days == null || days.isBlank() ? DEFAULT_DAYS
                : PRESETS.stream().filter(preset -> days.strip().equals(preset.toString())).findFirst().orElse(0);
        if (!PRESETS.contains(length)) {
            throw refused("Reports cover the last 7, 30 or 90 days, or the days you choose.");
        }
        return new ReportPeriod(today.minusDays(length - 1L), today, length);
    }

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** How many days the period has. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        }
        catch (DateTimeParseException ex) {
            throw refused("Days are written yyyy-mm-dd.");
        }
    }

    private static Rejected refused(String message) {
        return new Rejected("bad_period", message);
    }

}
