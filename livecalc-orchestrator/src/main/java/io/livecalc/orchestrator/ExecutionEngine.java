package io.livecalc.orchestrator;

import java.util.Locale;
import java.util.Objects;

/**
 * Where the pipeline's policy stage runs: the DAG's {@code execution.engine}, {@code execution.master} and
 * {@code execution.partitions}, or {@code livecalc run --spark MASTER}.
 *
 * <p>{@link #LOCAL} (the default) runs every engine in this JVM, policies in chunks. Any other name selects
 * the {@link io.livecalc.orchestrator.spi.StageExecutor} of that name (found by {@link java.util.ServiceLoader} through
 * {@link io.livecalc.orchestrator.spi.StageExecutorProvider}, e.g. {@code "spark"} from livecalc-spark): the engines fed by the policies
 * data source run there; every other engine (ESG, solver) still runs here.
 *
 * @param name       {@code "local"} or an executor's name, lower case
 * @param master     the executor's cluster address (Spark master URL such as {@code local[2]} or
 *                   {@code spark://host:7077}); {@code null} to let the executor decide (spark-submit's)
 * @param partitions how many pieces to cut the policies into; 0 lets the executor decide
 */
public record ExecutionEngine(String name, String master, int partitions) {

    /** Everything in this JVM. */
    public static final ExecutionEngine LOCAL = new ExecutionEngine("local", null, 0);

    public ExecutionEngine {
        Objects.requireNonNull(name, "name");
        name = name.toLowerCase(Locale.ROOT);
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0 (0: the executor decides), got " + partitions);
        }
        if (master != null && master.isBlank()) {
            master = null;
        }
    }

    /** Spark with the given master URL (null: spark-submit's) and partition count (0: Spark's default parallelism). */
    public static ExecutionEngine spark(String master, int partitions) {
        return new ExecutionEngine("spark", master, partitions);
    }

    public boolean isLocal() {
        return name.equals(LOCAL.name);
    }
}
