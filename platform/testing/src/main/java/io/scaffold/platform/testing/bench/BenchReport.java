package io.scaffold.platform.testing.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headline figures of a benchmark run, one JSON line each, for the one table {@code deploy/bench/run} prints
 * (measure, figure, baseline, ratio, target, met or not). Written only when {@code -Dbench.report=<file>} names the
 * file; each benchmark still prints its full figures as before.
 */
public final class BenchReport {
    /** System property naming the JSON-lines file the rows are appended to. */
    public static final String FILE = "bench.report";
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchReport() {
    }

    /**
     * What a figure is held to: on the figure itself, or on the ratio figure / baseline.
     *
     * @param text how the table shows it ("< 30 ms", "ratio >= 0.70")
     */
    public record Target(String text, boolean onRatio, boolean atMost, double limit) {
        public static Target below(double limit, String unit) {
            return new Target("< " + number(limit) + " " + unit, false, true, limit);
        }

        public static Target atLeast(double limit, String unit) {
            return new Target(">= " + number(limit) + " " + unit, false, false, limit);
        }

        /** figure / baseline at most {@code limit} (a cost, or a time against a slower baseline). */
        public static Target ratioAtMost(double limit) {
            return new Target("ratio <= " + number(limit), true, true, limit);
        }

        /** figure / baseline at least {@code limit} (a throughput against the baseline's). */
        public static Target ratioAtLeast(double limit) {
            return new Target("ratio >= " + number(limit), true, false, limit);
        }

        boolean met(double figure, double ratio) {
            double value = onRatio ? ratio : figure;
            return !Double.isNaN(value) && (atMost ? value <= limit : value >= limit);
        }
    }

    /**
     * One row. {@code baseline} NaN: none measured; {@code target} null: the figure is reported, not held to one.
     */
    public static void record(String measure, double figure, String unit, double baseline, Target target) {
        String file = System.getProperty(FILE);
        if (file == null || file.isBlank()) {
            return;
        }
        double ratio = Double.isNaN(baseline) || baseline == 0 ? Double.NaN : figure / baseline;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("measure", measure);
        row.put("figure", number(figure) + " " + unit);
        row.put("baseline", Double.isNaN(baseline) ? "" : number(baseline) + " " + unit);
        row.put("ratio", Double.isNaN(ratio) ? "" : String.format("%.2f", ratio));
        row.put("target", target == null ? "" : target.text());
        row.put("met", target == null ? "" : target.met(figure, ratio) ? "yes" : "NO");
        try {
            Files.writeString(Path.of(file), JSON.writeValueAsString(row) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format("%,d", (long) value)
                : String.format(Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }
}
