package io.livecalc.parquet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;

/**
 * DuckDB's time on the files the Parquet benchmarks leave in their folder (not a test; run by hand, see
 * BENCHMARKS.md): a full read of every policy column (sums over all 8, so every page is decoded) and a
 * COPY of 1M results from a DuckDB table to Parquet with the same codec. 3 warm-up then 5 measured runs.
 *
 * <pre>java -cp target/test-classes:target/classes:$(deps) io.livecalc.parquet.DuckDbTimes DIR [threads]</pre>
 */
public final class DuckDbTimes {

    private DuckDbTimes() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String threads = args.length > 1 ? args[1] : String.valueOf(Runtime.getRuntime().availableProcessors());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = " + threads);
            System.out.println("DuckDB " + c.getMetaData().getDatabaseProductVersion() + ", threads " + threads);
            for (String codec : new String[] {"UNCOMPRESSED", "SNAPPY", "ZSTD"}) {
                Path policies = dir.resolve("policies-" + codec + ".parquet");
                String read = "SELECT count(*), sum(policy_id), sum(age), sum(gender), sum(sum_assured), sum(premium), sum(term), "
                        + "sum(product_type), sum(underwriting_class) FROM '" + policies + "'";
                double[] r = time(st, read, false);
                Path results = dir.resolve("results-" + codec + ".parquet");
                st.execute("CREATE OR REPLACE TABLE r AS SELECT * FROM '" + results + "'");
                Path out = Files.createTempFile(dir, "duck-", ".parquet");
                double[] w = time(st, "COPY r TO '" + out + "' (FORMAT PARQUET, COMPRESSION " + codec + ")", true);
                System.out.printf("%-12s read 1M policies  min %6.1f  median %6.1f  max %6.1f ms   (%s, %.1f MB)%n", codec,
                        r[0], r[2], r[4], policies.getFileName(), Files.size(policies) / 1e6);
                System.out.printf("%-12s write 1M results  min %6.1f  median %6.1f  max %6.1f ms   (DuckDB file %.1f MB, ours %.1f MB)%n",
                        codec, w[0], w[2], w[4], Files.size(out) / 1e6, Files.size(results) / 1e6);
                Files.delete(out);
            }
        }
    }

    /** 3 warm-up runs, then 5 timed runs, sorted, in ms. */
    private static double[] time(Statement st, String sql, boolean update) throws Exception {
        double[] t = new double[5];
        for (int i = -3; i < 5; i++) {
            long start = System.nanoTime();
            if (update) {
                st.execute(sql);
            } else {
                try (ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                }
            }
            if (i >= 0) {
                t[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(t);
        return t;
    }
}
