package io.livecalc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run behind the {@code ./livecalc} launcher's AOT cache (JDK 25, JEP 483/514/515): runs the common
 * commands once, small, in one JVM started with {@code -XX:AOTCacheOutput}, so that the cache holds the classes
 * they load and link and the method profiles they gather. Not a user command.
 *
 * <p>usage: {@code AotTraining REPOSITORY_ROOT WORK_DIR}; exit 0 when every command succeeded.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        LiveCalcCommand.startUpProperties();   // the start-up the real commands have
        Path root = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        Path data = root.resolve("examples/data");
        Path lifelib = data.resolve("lifelib");
        Path dag = work.resolve("pairs.json");
        Files.writeString(dag, """
                {"data_sources": {"policies": {"type": "csv", "path": "%s"}},
                 "engines": [{"id": "projection", "type": "projection", "inputs": ["policies"],
                   "config": {"mortality_table": "%s", "lapse_table": "%s", "expenses": "%s", "num_scenarios": 100, "threads": 2},
                   "outputs": ["results"]}],
                 "output": {"type": "parquet", "path": "%s"}}
                """.formatted(data.resolve("policies_1000.csv"), data.resolve("sample_mortality.csv"), data.resolve("sample_lapse.csv"),
                data.resolve("sample_expenses.csv"), work.resolve("pairs.parquet")));
        List<List<String>> commands = List.of(
                List.of("--version"),
                List.of("project", "-q", "--policies", data.resolve("policies_1000.csv").toString(),
                        "--mortality", data.resolve("sample_mortality.csv").toString(), "--lapse", data.resolve("sample_lapse.csv").toString(),
                        "--expenses", data.resolve("sample_expenses.csv").toString(), "--scenarios", "100", "--threads", "2",
                        "--output", work.resolve("project.json").toString()),
                List.of("project", "--model", "basic_term", "--model-points", lifelib.resolve("model_point_table.csv").toString(),
                        "--mortality", lifelib.resolve("mort_table.csv").toString(), "--discount-curve",
                        lifelib.resolve("disc_rate_ann.csv").toString(), "--threads", "2", "--output", work.resolve("bt.csv").toString()),
                List.of("project", "--model", "basic_term_me", "--model-points", lifelib.resolve("model_point_table_me.csv").toString(),
                        "--mortality", lifelib.resolve("mort_table.csv").toString(), "--discount-curve",
                        lifelib.resolve("disc_rate_ann.csv").toString(), "--premium-table", lifelib.resolve("premium_table_me.csv").toString(),
                        "--threads", "2", "--output", work.resolve("bt_me.csv").toString()),
                List.of("run", dag.toString()));
        int failed = 0;
        for (List<String> command : commands) {
            StringWriter out = new StringWriter();
            int code = LiveCalcCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                    .execute(command.toArray(String[]::new));
            if (code != 0) {
                System.err.println("training command failed (" + code + "): " + String.join(" ", command) + "\n" + out);
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
