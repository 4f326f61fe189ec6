package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.projection.model.BasicTermModel;
import io.livecalc.engines.projection.model.ProductModelEngine;
import io.livecalc.parquet.ParquetFiles;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code livecalc project --model basic_term|basic_term_me} on lifelib's files as they are. */
class BasicTermCommandTest {

    private static String lifelib(String name) {
        return ReferenceData.lifelib(name).toString();
    }

    @Test
    void basicTermWritesOneCsvRowPerModelPointAndPrintsTheTotals(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("results.csv");
        CliRun r = CliRun.of("project", "--model", "basic_term", "--model-points", lifelib("model_point_table.csv"),
                "--mortality", lifelib("mort_table.csv"), "--discount-curve", lifelib("disc_rate_ann.csv"),
                "--threads", "2", "--output", out.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(10_001, lines.size());
        assertEquals("point_id,premium_pp,pv_premiums,pv_claims,pv_expenses,pv_commissions,pv_net_cf", lines.get(0));
        String[] first = lines.get(1).split(",");
        assertEquals("1", first[0]);
        assertEquals("94.84", first[1]);
        assertEquals(910.92, Math.round(Double.parseDouble(first[6]) * 100) / 100.0, 0.0);
        double sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            sum += Double.parseDouble(line.split(",")[6]);
        }
        assertEquals(14_489_630.5346, sum, 1e-9 * 14_489_630.5346);
        JsonNode totals = new ObjectMapper().readTree(r.out()).get("totals");
        assertEquals(14_489_630.534601536, totals.get("total_pv_net_cf").asDouble(), 1e-9 * 14_489_630.5346);
        assertEquals(sum, totals.get("pv_net_cf").asDouble(), 0.0, "the printed column total is the file's");
    }

    @Test
    void basicTermMeWithThePremiumTableToParquet(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("results.parquet");
        CliRun r = CliRun.of("project", "--model", "basic_term_me", "--model-points", lifelib("model_point_table_me.csv"),
                "--mortality", lifelib("mort_table.csv"), "--discount-curve", lifelib("disc_rate_ann.csv"),
                "--premium-table", lifelib("premium_table_me.csv"), "--output", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(10_000, ParquetFiles.rowCount(out));
        var type = ProductModelEngine.resultType(BasicTermModel.ME);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment back = arena.allocate(10_000 * type.recordSize(), 16);
            ParquetFiles.read(out, type, back);
            double sum = 0;
            for (int i = 0; i < 10_000; i++) {
                sum += back.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, i * type.recordSize() + 16 + 5 * 8);
            }
            assertEquals(215_146_132.0685, sum, 1e-9 * 215_146_132.0685);
            assertEquals(1L, back.get(ValueLayout.JAVA_LONG_UNALIGNED, 0));
        }
    }

    @Test
    void aBadModelPointIsBadInputNamingLineAndColumn(@TempDir Path dir) throws IOException {
        Path mp = dir.resolve("mp.csv");
        Files.writeString(mp, "point_id,age_at_entry,sex,policy_term,policy_count,sum_assured\n1,47,M,10,1,622000\n2,47,Q,10,1,1000\n");
        CliRun r = CliRun.of("project", "--model", "basic_term", "--model-points", mp.toString(),
                "--mortality", lifelib("mort_table.csv"), "--discount-curve", lifelib("disc_rate_ann.csv"));
        assertEquals(2, r.exit());
        assertEquals("livecalc project: " + mp + ": line 3, column 3 (sex): \"Q\" is not a sex code (M or F)", r.err().strip());
    }

    @Test
    void optionsTheModelNeedsAreRequired() {
        CliRun r = CliRun.of("project", "--model", "basic_term_me", "--model-points", "mp.csv", "--mortality", "m.csv");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("Missing required options: '--discount-curve=FILE', '--premium-table=FILE' (model basic_term_me)"),
                r.err());
    }
}
