package org.confidant.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * The figures of a run, printed on stdout as {@code name value unit} the moment they are known, and kept for the JSON
 * file.
 */
final class Results {

    record Figure(String name, double value, String unit) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    synchronized void add(String name, double value, String unit) {
        figures.add(new Figure(name, value, unit));
        System.out.println(name + " " + format(value) + " " + unit);
        System.out.flush();
    }

    /** p50, p99, p99.9 and max of a latency histogram recorded in microseconds, as milliseconds. */
    void latency(String prefix, Histogram h) {
        add(prefix + "_p50", h.getValueAtPercentile(50) / 1000.0, "ms");
        add(prefix + "_p99", h.getValueAtPercentile(99) / 1000.0, "ms");
        add(prefix + "_p999", h.getValueAtPercentile(99.9) / 1000.0, "ms");
        add(prefix + "_max", h.getMaxValue() / 1000.0, "ms");
        add(prefix + "_count", h.getTotalCount(), "count");
    }

    synchronized void detail(String name, Object value) {
        details.put(name, value);
    }

    /** A correctness failure or a scenario that could not run; printed at once and listed in the JSON. */
    synchronized void problem(String text) {
        problems.add(text);
        System.err.println("# PROBLEM: " + text);
    }

    synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    synchronized void write(Path file, Map<String, Object> header) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>(header);
        List<Map<String, Object>> list = new ArrayList<>();
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("value", f.value());
            m.put("unit", f.unit());
            list.add(m);
            byName.put(f.name(), f.value());
        }
        json.put("figures", list);
        json.put("values", byName);
        json.put("problems", problems);
        json.put("details", details);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Json.write(json) + "\n");
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format("%.1f", v);
        }
        if (a >= 1) {
            return String.format("%.2f", v);
        }
        return String.format("%.3f", v);
    }

    /** A latency histogram in microseconds, 1 µs to 10 minutes, 3 significant digits. */
    static Histogram histogram() {
        return new Histogram(1, 600_000_000L, 3);
    }
}
