package io.livecalc.cli;

import io.livecalc.api.AtomicFile;
import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.engines.projection.SyntheticPortfolio;
import io.livecalc.parquet.ParquetFiles;
import io.livecalc.parquet.ParquetWriteOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code livecalc generate}: reproducible synthetic inputs for benchmarks and demos. */
@Command(name = "generate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Generates reproducible synthetic inputs.",
        subcommands = GenerateCommand.Policies.class)
final class GenerateCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "policies", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Writes a synthetic portfolio: ages 20..75, terms 10..40 and whole life, sums assured 100k..1M, "
                    + "premiums consistent with them. The same --count and --seed always give the same file.")
    static final class Policies implements Callable<Integer> {

        @Option(names = "--count", required = true, paramLabel = "N", description = "Number of policies (1..10,000,000 per file).")
        long count;

        @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed = 42;

        @Option(names = "--output", required = true, paramLabel = "FILE", description = "A .csv or .parquet file (written atomically).")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (count < 1 || count > BufferType.INPUT.maxRecords()) {
                throw new IllegalArgumentException("--count must be 1.." + BufferType.INPUT.maxRecords() + ", got " + count);
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment records = arena.allocate(count * PolicyRecord.SIZE, 16);
                SyntheticPortfolio.write(records, count, seed);
                if (PolicyFiles.isParquet(output)) {
                    ParquetFiles.write(output, BufferType.INPUT, records, count, ParquetWriteOptions.defaults());
                } else {
                    writeCsv(records, count, output);
                }
            }
            return 0;
        }

        /** The original CLI's numeric CSV format; doubles printed so that they read back to the same bits. */
        static void writeCsv(MemorySegment records, long count, Path file) throws IOException {
            AtomicFile.write(file, tmp -> {
                try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    w.write(String.join(",", PolicyCsv.HEADER) + "\n");
                    StringBuilder sb = new StringBuilder(128);
                    for (long i = 0; i < count; i++) {
                        sb.setLength(0);
                        w.append(PolicyCsv.appendRecord(sb, records, i)).append('\n');
                    }
                }
            });
        }
    }
}
