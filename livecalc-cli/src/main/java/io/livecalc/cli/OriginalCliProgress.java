package io.livecalc.cli;

import io.livecalc.api.LivecalcVersion;
import io.livecalc.api.ValuationResult;
import io.livecalc.engines.scenario.GbmScenarioGenerator;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The original C++ CLI's human-readable report, line for line (its {@code main.cpp}): configuration, one line
 * per loading step, the statistics block and "Execution: N ms". Like the original it goes to stderr, so that
 * stdout carries only the JSON when there is no {@code --output}. Numbers are printed as a C++ stream prints a
 * double ({@link #cpp(double)}), so scripts that read these lines keep working.
 */
final class OriginalCliProgress {

    private final PrintWriter err;
    /** A step's first half was printed and its line is still open. */
    private boolean open;

    /** @param err where to report, or {@code null} for {@code --quiet} */
    OriginalCliProgress(PrintWriter err) {
        this.err = err;
    }

    void configuration(Path policies, String mortality, String lapse, String expenses, Path scenariosFile,
            GbmScenarioGenerator.Parameters gbm, double mortalityMult, double lapseMult, double expenseMult) {
        line("LiveCalc for Java " + LivecalcVersion.current().version());
        line("Configuration:");
        line("  Policies:    " + policies);
        line("  Mortality:   " + mortality);
        line("  Lapse:       " + lapse);
        line("  Expenses:    " + expenses);
        if (scenariosFile != null) {
            line("  Scenarios:   " + scenariosFile);
        } else {
            line("  Scenarios:   " + gbm.count());
            line("  Seed:        " + Long.toUnsignedString(gbm.seed()));
        }
        if (mortalityMult != 1.0 || lapseMult != 1.0 || expenseMult != 1.0) {
            line("  Multipliers: mortality=" + cpp(mortalityMult) + " lapse=" + cpp(lapseMult) + " expense=" + cpp(expenseMult));
        }
        line("");
    }

    void line(String text) {
        if (err != null) {
            err.println(text);
            err.flush();
        }
    }

    /** "Loading X..." then the work, then the rest of the line; a failure first ends the open line, so its message starts a line. */
    <T> T step(String start, Supplier<T> work, Function<T, String> end) {
        if (err != null) {
            err.print(start);
            err.flush();
            open = true;
        }
        T value;
        try {
            value = work.get();
        } catch (RuntimeException | Error e) {
            if (open) {
                err.println();
                err.flush();
            }
            throw e;
        } finally {
            open = false;
        }
        if (err != null) {
            err.println(end.apply(value));
            err.flush();
        }
        return value;
    }

    void results(ValuationResult r) {
        line("");
        line("Results:");
        line("  Mean NPV:  " + cpp(r.mean()));
        line("  Std Dev:   " + cpp(r.stdDev()));
        line("  P50:       " + cpp(r.p50()));
        line("  P75:       " + cpp(r.p75()));
        line("  P90:       " + cpp(r.p90()));
        line("  P95:       " + cpp(r.p95()));
        line("  P99:       " + cpp(r.p99()));
        line("  CTE_95:    " + cpp(r.cte95()));
        line("  Execution: " + cpp(r.executionTimeMs()) + " ms");
    }

    /**
     * A double as {@code std::ostream << double} prints it with default flags: printf {@code %g}, 6 significant
     * digits, trailing zeros dropped, exponent form below 1e-4 or from 1e6 ({@code -2.56497e+07}).
     */
    static String cpp(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        // exact binary value rounded half-even, as glibc's printf does
        BigDecimal d = new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
            int a = Math.abs(exponent);
            return mantissa + (exponent < 0 ? "e-" : "e+") + (a < 10 ? "0" : "") + a;
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
