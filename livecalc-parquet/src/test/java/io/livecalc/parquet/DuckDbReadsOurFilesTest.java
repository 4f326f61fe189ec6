package io.livecalc.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An independent reader (DuckDB, C++) sees the same counts, sums and types in the files we write. */
class DuckDbReadsOurFilesTest {

    private static Connection duck;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void disconnect() throws SQLException {
        duck.close();
    }

    private static Object[] row(String sql) throws SQLException {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            Object[] out = new Object[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getString(i + 1);
            }
            return out;
        }
    }

    @ParameterizedTest
    @EnumSource(ParquetCodec.class)
    void policiesHaveEqualCountsSumsAndUnsignedTypes(ParquetCodec codec) throws SQLException {
        int n = 50_000;
        Path file = dir.resolve("policies.parquet");
        long ages = 0, terms = 0;
        double sumAssured = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = TestData.policies(arena, n, 5);
            for (int i = 0; i < n; i++) {
                ages += PolicyRecord.age(p, i);
                terms += PolicyRecord.term(p, i);
                sumAssured += PolicyRecord.sumAssured(p, i);
            }
            ParquetFiles.write(file, BufferType.INPUT, p, n, ParquetWriteOptions.defaults().withCodec(codec));
        }
        Object[] r = row("SELECT count(*), sum(age), sum(term), CAST(max(policy_id) AS VARCHAR), sum(sum_assured), "
                + "typeof(any_value(policy_id)), typeof(any_value(age)), typeof(any_value(term)) FROM '" + file + "'");
        assertEquals(String.valueOf(n), r[0]);
        assertEquals(String.valueOf(ages), r[1]);
        assertEquals(String.valueOf(terms), r[2]);
        assertEquals("18446744073709551615", r[3]); // policy 0 has id 2^64-1
        assertEquals(sumAssured, Double.parseDouble((String) r[4]), Math.abs(sumAssured) * 1e-13);
        assertEquals("UBIGINT", r[5]);
        assertEquals("UTINYINT", r[6]);
        assertEquals("UINTEGER", r[7]);
    }

    @Test
    void resultsWithAndWithoutComponentsAndTotalsAreReadByDuckDb() throws SQLException {
        int n = 200_000;
        Path results = dir.resolve("results.parquet");
        Path details = dir.resolve("details.parquet");
        try (Arena arena = Arena.ofConfined()) {
            ParquetFiles.write(results, BufferType.RESULT, TestData.results(arena, n, 10_000), n, ParquetWriteOptions.defaults());
            ParquetFiles.write(details, BufferType.RESULT_DETAIL, TestData.resultDetails(arena, 1000, 100), 1000,
                    ParquetWriteOptions.defaults());
        }
        // npv = (i % 1000) * 1.25 - 300: multiples of 0.25, so every summation order gives the exact total
        double expected = 0;
        for (int i = 0; i < n; i++) {
            expected += TestData.npv(i);
        }
        assertEquals(64_875_000.0, expected); // 200 cycles x (1.25 x 499500 - 300 x 1000)
        Object[] r = row("SELECT count(*), sum(npv), count(premium_income), max(scenario_id), sum(policy_id) FROM '" + results + "'");
        assertEquals("200000", r[0]);
        assertEquals(expected, Double.parseDouble((String) r[1]));
        assertEquals("0", r[2]);
        assertEquals("19", r[3]);
        assertEquals(String.valueOf(20L * 10_000 * 10_001 / 2), r[4]);

        Object[] d = row("SELECT count(*), sum(premium_income), sum(expenses), count(execution_time_ms), "
                + "max(abs(npv - (premium_income - death_benefits - surrender_benefits - expenses))) FROM '" + details + "'");
        assertEquals("1000", d[0]);
        assertEquals(1000 * 1000.0 + 999 * 1000 / 2.0, Double.parseDouble((String) d[1]));
        assertEquals(100_500.0, Double.parseDouble((String) d[2]));
        assertEquals("0", d[3]);
        assertEquals(0.0, Double.parseDouble((String) d[4]));
    }

    @Test
    void weReadPoliciesThatDuckDbWroteWithItsOwnTypesAndDefaultSnappy() throws SQLException {
        Path file = dir.resolve("duck-policies.parquet");
        try (Statement st = duck.createStatement()) {
            st.execute("COPY (SELECT i::UBIGINT AS policy_id, (20 + i % 50)::UTINYINT AS age, (i % 2)::INTEGER AS gender, "
                    + "100000.0::DOUBLE + i AS sum_assured, 1000.5::DOUBLE AS premium, (i % 3 * 10 + 10)::USMALLINT AS term, "
                    + "(i % 3)::BIGINT AS product_type, (i % 5)::TINYINT AS underwriting_class, 'x' AS note "
                    + "FROM range(1, 100001) t(i)) TO '" + file + "' (FORMAT PARQUET)");
        }
        try (io.livecalc.buffers.BufferManager m = new io.livecalc.buffers.BufferManager()) {
            MemorySegment p = ParquetFiles.readPolicies(file, m, "p").segment();
            assertEquals(100_000L, PolicyRecord.policyId(p, 99_999));
            assertEquals(20 + 100_000 % 50, PolicyRecord.age(p, 99_999));
            assertEquals(0, PolicyRecord.gender(p, 99_999));
            assertEquals(200_000.0, PolicyRecord.sumAssured(p, 99_999));
            assertEquals(1000.5, PolicyRecord.premium(p, 99_999));
            assertEquals(100_000 % 3 * 10 + 10, PolicyRecord.term(p, 99_999));
            assertEquals(100_000 % 3, PolicyRecord.productType(p, 99_999));
            assertEquals(0, PolicyRecord.underwritingClass(p, 99_999));
        }
    }
}
