package io.livecalc.cli;

import io.livecalc.orchestrator.report.RunReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code livecalc report SUMMARY.json -o run.html}: the HTML run report of an earlier run. */
@Command(name = "report", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Writes the HTML run report of an earlier run from its JSON run summary (the *.summary.json beside the "
                + "output): one self-contained page (inline SVG, no scripts or network) with the NPV histogram and percentiles, "
                + "the engine timeline, the solver's iterations, the scenario fan, the inputs and the warnings. The same page as "
                + "`livecalc run DAG --report FILE`. Exit 2 when the summary is missing or not a run summary.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUMMARY", description = "The run summary JSON file.")
    Path summary;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The HTML file to write (default: SUMMARY with .html "
            + "in place of .summary.json or .json).")
    Path output;

    @Override
    public Integer call() {
        Path html = output != null ? output : defaultOutput(summary);
        RunReport.fromSummaryFile(summary, html);
        spec.commandLine().getOut().println("report: " + html);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** {@code out/totals.summary.json} -> {@code out/totals.html}. */
    static Path defaultOutput(Path summary) {
        String name = summary.getFileName().toString();
        String base = name.endsWith(".summary.json") ? name.substring(0, name.length() - ".summary.json".length())
                : name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return summary.resolveSibling(base + ".html");
    }
}
