package io.livecalc.cli;

import io.livecalc.parquet.CsvParquetConverter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code livecalc convert}: policies or scenarios between the original CSV formats and Parquet. */
@Command(name = "convert", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Converts a policies or scenarios file between CSV and Parquet (direction from the extensions). "
                + "The kind is recognised from the columns unless --kind is given. Output is written atomically.")
final class ConvertCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A .csv or .parquet file.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUTPUT", description = "A .parquet or .csv file.")
    Path output;

    @Option(names = "--kind", paramLabel = "KIND", description = "policies or scenarios (default: from the columns).")
    String kind;

    @Override
    public Integer call() {
        CsvParquetConverter converter = new CsvParquetConverter();
        CsvParquetConverter.Summary s;
        if (kind == null) {
            s = converter.convert(input, output);
        } else {
            CsvParquetConverter.Kind k;
            try {
                k = CsvParquetConverter.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--kind must be policies or scenarios, got '" + kind + "'");
            }
            s = converter.convert(input, output, k);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + s.rows() + " " + s.kind().name().toLowerCase(Locale.ROOT) + " rows to " + s.output());
        out.flush();
        return 0;
    }
}
