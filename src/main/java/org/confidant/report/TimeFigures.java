package org.confidant.report;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A set of durations, in seconds, summed up: how many, their median (the middle one, or
 * the mean of the two middle ones for an even count, rounded down to the second) and
 * their 90th percentile (nearest rank: the smallest duration with at least 90% of them at
 * or below it). Both are null when there is none.
 */
public record TimeFigures(int count, @Nullable Long median, @Nullable Long p90) {

    static TimeFigures of(long[] seconds) {
        if (seconds.length == 0) {
            return new TimeFigures(0, null, null);
        }
        long[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        long median = n % 2 == 1 ? sorted[n / 2] : Math.floorDiv(sorted[n / 2 - 1] + sorted[n / 2], 2);
        int rank = (9 * n + 9) / 10;
        return new TimeFigures(n, median, sorted[rank - 1]);
    }

    /** The median as people read it. */
    public String medianText() {
        return readable(median);
    }

    /** The 90th percentile as people read it. */
    public String p90Text() {
        return readable(p90);
    }

    /** A duration as people read it: 45s, 3m 20s, 2h 5m, 3d 4h; a dash for none. */
    public static String readable(@Nullable Long seconds) {
        if (seconds == null) {
            return "—";
        }
        long s = seconds;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h " + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d " + (s % 86400 / 3600) + "h";
    }

}
