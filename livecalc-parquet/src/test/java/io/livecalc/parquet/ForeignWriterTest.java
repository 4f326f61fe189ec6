package io.livecalc.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioRecord;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files from another writer (Parquet-MR's Group API) with different but compatible column types. */
class ForeignWriterTest {

    @TempDir
    Path dir;

    @Test
    void readsPoliciesWithSignedWideAndNarrowIntegersAndAnExtraColumn() throws IOException {
        Path file = GroupFiles.write(dir.resolve("pyarrow-like.parquet"), """
                message schema {
                  required int64 policy_id;
                  optional int32 age;
                  required int64 gender;
                  required double sum_assured;
                  required float premium;
                  required int64 term;
                  required int32 product_type (INTEGER(8,false));
                  required int32 underwriting_class (INTEGER(16,true));
                  optional binary region (STRING);
                }""", add -> {
                    for (int i = 0; i < 1000; i++) {
                        int row = i;
                        add.accept(g -> g.append("policy_id", 1000L + row).append("age", row % 121).append("gender", (long) (row % 2))
                                .append("sum_assured", 100_000.5 + row).append("premium", 1000.25f).append("term", 99L)
                                .append("product_type", row % 3).append("underwriting_class", row % 5).append("region", "north"));
                    }
                });
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(1000 * PolicyRecord.SIZE);
            assertEquals(1000, ParquetFiles.readPolicies(file, s));
            assertEquals(1999, PolicyRecord.policyId(s, 999));
            assertEquals(999 % 121, PolicyRecord.age(s, 999));
            assertEquals(1, PolicyRecord.gender(s, 999));
            assertEquals(100_999.5, PolicyRecord.sumAssured(s, 999));
            assertEquals(1000.25, PolicyRecord.premium(s, 999));
            assertEquals(99, PolicyRecord.term(s, 999));
            assertEquals(0, PolicyRecord.productType(s, 999));
            assertEquals(4, PolicyRecord.underwritingClass(s, 999));
        }
    }

    @Test
    void readsScenariosWithInt64IdsUint8YearsAndFloatRates() throws IOException {
        Path file = GroupFiles.write(dir.resolve("esg.parquet"), """
                message schema {
                  required int64 scenario_id (INTEGER(64,false));
                  required int32 year (INTEGER(8,false));
                  required float rate;
                }""", add -> {
                    for (int i = 0; i < 100; i++) {
                        int row = i;
                        add.accept(g -> g.append("scenario_id", 4_000_000_000L + row / 50).append("year", 1 + row % 50)
                                .append("rate", 0.029999999329447746f));
                    }
                });
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(100 * ScenarioRecord.SIZE);
            assertEquals(100, ParquetFiles.readScenarios(file, s));
            assertEquals(4_000_000_001L, ScenarioRecord.scenarioId(s, 99));
            assertEquals(50, ScenarioRecord.year(s, 99));
            assertEquals(0.029999999329447746, ScenarioRecord.rate(s, 99));
        }
    }
}
