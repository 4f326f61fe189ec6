package io.livecalc.spark;

import io.livecalc.orchestrator.ExecutionEngine;
import org.apache.spark.sql.SparkSession;

/** Finds or creates the SparkSession a run uses. */
final class SparkSessions {

    private SparkSessions() {
    }

    /** A session and whether this run created it (and so stops it). */
    record Session(SparkSession spark, boolean owned) {
    }

    /**
     * The active session if there is one (spark-submit, a notebook, a test), else a new one. The master is
     * spark-submit's when running under it ({@code spark.master} is set), else the execution block's, else
     * {@code local[*]}. Local masters bind to the loopback interface and run without the web UI, unless
     * {@code spark.*} system properties say otherwise.
     */
    static Session open(ExecutionEngine engine) {
        SparkSession existing = SparkSession.getActiveSession().getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
        if (existing != null && !existing.sparkContext().isStopped()) {
            return new Session(existing, false);
        }
        String master = System.getProperty("spark.master");
        if (master == null) {
            master = engine.master() != null ? engine.master() : "local[*]";
        }
        SparkSession.Builder b = SparkSession.builder().appName("livecalc").master(master);
        if (master.startsWith("local")) {
            loopback(b, "spark.driver.host", "127.0.0.1");
            loopback(b, "spark.driver.bindAddress", "127.0.0.1");
            loopback(b, "spark.ui.enabled", "false");
        }
        return new Session(b.getOrCreate(), true);
    }

    private static void loopback(SparkSession.Builder b, String key, String value) {
        if (System.getProperty(key) == null) {
            b.config(key, value);
        }
    }
}
