package org.confidant.ratelimit;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.convert.DurationStyle;

/**
 * How many requests a key may make per period, refilled smoothly ({@code 60/1m}: one more
 * every second, at most 60 at once).
 */
record Budget(long requests, Duration per) {

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\S+)\\s*");

    Budget {
        if (requests < 1 || per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a budget allows at least one request per positive period");
        }
    }

    /**
     * Parses {@code <requests>/<period>}, the period in Spring's duration style
     * ({@code 10s}, {@code 1m}, {@code 1h}).
     */
    static Budget parse(String setting, String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "confidant.rate-limits." + setting + " is <requests>/<period>, " + "e.g. 60/1m; not: " + text);
        }
        return new Budget(Long.parseLong(matcher.group(1)), DurationStyle.SIMPLE.parse(matcher.group(2)));
    }

    @Override
    public String toString() {
        return requests + "/" + per;
    }
}
