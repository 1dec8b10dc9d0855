package org.confidant.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the conversations-per-day chart, in the units of its SVG view box: one
 * slot of {@value #SLOT} units per day holding two bars (created, resolved), scaled so
 * the busiest day's bar is {@value #HEIGHT} units tall. The page draws it with
 * presentation attributes only (no inline style), so the strict CSP holds.
 */
public record ReportChart(int width, int height, int busiest, List<Bar> bars) {

    static final int SLOT = 10;

    static final int HEIGHT = 100;

    static final int BAR = 4;

    /**
     * One bar.
     *
     * @param kind {@code created} or {@code resolved} (the stylesheet colours them)
     * @param label what a screen reader or a tooltip says of it
     */
    public record Bar(String kind, int x, int y, int width, int height, String label) {
    }

    public static ReportChart of(Report report) {
        int busiest = report.busiestDay();
        List<Bar> bars = new ArrayList<>(report.days().size() * 2);
        int slot = 0;
        for (Report.Day day : report.days()) {
            int x = slot * SLOT;
            bars.add(bar("created", x + 1, day.created(), busiest, day.date() + ": " + day.created() + " created"));
            bars.add(bar("resolved", x + 1 + BAR, day.resolved(), busiest,
                    day.date() + ": " + day.resolved() + " resolved"));
            slot++;
        }
        return new ReportChart(Math.max(SLOT, slot * SLOT), HEIGHT, busiest, bars);
    }

    private static Bar bar(String kind, int x, int count, int busiest, String label) {
        int height = (int) Math.round(count * (double) HEIGHT / busiest);
        return new Bar(kind, x, HEIGHT - height, BAR, height, label);
    }

}
