package dev.handoffrail.bench.scenario;

import dev.handoffrail.bench.load.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of one bench run, printed as a Markdown table (ready to paste into docs/benchmarks.md), followed by
 * single-value facts (heap sizes, delivery rates) and the collapse checks. Not thread-safe.
 */
final class ResultTable {

    /**
     * One measured row.
     *
     * @param scenario  what was driven
     * @param server    which server answered
     * @param result    the load result
     * @param cores     server CPU in cores during the measurement
     * @param reference the throughput this row is compared with (the ceiling), or 0 for none
     * @param note      counts or remarks, may be empty
     * @param load      the machine's 1-minute load average right after the measurement
     */
    record Row(String scenario, String server, LoadResult result, double cores, double reference, String note,
            double load) {
        double ratio() {
            return reference > 0 ? result.throughput() / reference : Double.NaN;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> facts = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    Row add(Row row) {
        rows.add(row);
        System.out.println(format(row));
        return row;
    }

    void fact(String fact) {
        facts.add(fact);
        System.out.println("fact: " + fact);
    }

    /** Records a collapse check; a false {@code ok} makes the run fail. */
    void check(boolean ok, String description) {
        System.out.println((ok ? "check ok:     " : "check FAILED: ") + description);
        if (!ok) {
            failures.add(description);
        }
    }

    List<String> failures() {
        return failures;
    }

    String markdown() {
        StringBuilder out = new StringBuilder()
                .append("| scenario | server | ops/s | p50 ms | p95 ms | p99 ms | max ms | errors | server CPU (cores)"
                        + " | ratio to ceiling | load avg | note |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        rows.forEach(row -> out.append(format(row)).append('\n'));
        if (!facts.isEmpty()) {
            out.append('\n');
            facts.forEach(fact -> out.append("- ").append(fact).append('\n'));
        }
        if (!failures.isEmpty()) {
            out.append("\nFailed checks:\n");
            failures.forEach(failure -> out.append("- ").append(failure).append('\n'));
        }
        return out.toString();
    }

    private static String format(Row row) {
        LoadResult r = row.result();
        return String.format(Locale.ROOT, "| %s | %s | %.0f | %.1f | %.1f | %.1f | %.1f | %d | %.2f | %s | %.1f | %s |",
                row.scenario(), row.server(), r.throughput(), r.millisAt(50), r.millisAt(95), r.millisAt(99),
                r.maxMillis(), r.errors(), row.cores(),
                Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.1f %%", row.ratio() * 100),
                row.load(), row.note());
    }
}
