package org.confidant.privacy;

import java.time.Duration;

/**
 * The time one redaction may take. The scanners and the custom rules' engine (through
 * {@link #watch}) call {@link #step} as they read; every 1,024 steps the clock is looked
 * at, and past the deadline the work stops with {@link Exceeded}. So no redaction runs
 * longer than its budget and a few microseconds, whatever the text and the rules; a short
 * text is finished before the clock is ever read, so a pause of the whole process (a
 * garbage collection) does not refuse it.
 */
final class RedactionBudget {

    private static final int CHECK_EVERY = 1024;

    private final long deadline;

    private int steps;

    RedactionBudget(Duration budget) {
        this.deadline = System.nanoTime() + budget.toNanos();
    }

    /** One step of work; past the deadline, {@link Exceeded}. */
    void step() {
        if (++steps % CHECK_EVERY == 0 && System.nanoTime() - deadline > 0) {
            throw new Exceeded();
        }
    }

    /**
     * The text as a regular expression engine reads it: each character it reads is a
     * step, so a slow rule is stopped mid-match.
     */
    CharSequence watch(String text) {
        return new Watched(text, this);
    }

    /** The budget ran out before the redaction finished. */
    static final class Exceeded extends RuntimeException {

        Exceeded() {
            super("the redaction ran out of time", null, false, false);
        }

    }

    private record Watched(String text, RedactionBudget budget) implements CharSequence {

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            budget.step();
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Watched(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }

    }

}
