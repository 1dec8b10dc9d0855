package org.confidant.report;

import java.util.Arrays;

/** Durations in seconds, collected for one line of a report. */
final class Durations {

    private long[] seconds = new long[16];

    private int size;

    void add(long value) {
        if (size == seconds.length) {
            seconds = Arrays.copyOf(seconds, size * 2);
        }
        seconds[size++] = value;
    }

    TimeFigures figures() {
        return TimeFigures.of(Arrays.copyOf(seconds, size));
    }

}
