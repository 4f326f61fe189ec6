package io.livecalc.engines.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.ScenarioRecord;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class ScenarioSetRecordsTest {

    /** 3 scenarios x 5,000 years: 15,000 records, so scenarios straddle the 8,192-record copies. */
    private static ScenarioSet set() {
        long[] ids = {7, 0xFFFF_FFFEL, 42};
        int years = 5_000;
        double[] rates = new double[ids.length * years];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = (i % 3 == 0 ? -1 : 1) * Math.scalb(1.0 + i, -20) + (i == 17 ? -0.0 : 0.0);
        }
        rates[1] = -0.0;
        return new ScenarioSet(ids, years, rates);
    }

    @Test
    void recordsCarryEveryIdYearAndRateBitAndReadBackAsTheSameSet() {
        ScenarioSet set = set();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment records = set.toRecords(arena);
            assertEquals(15_000L * ScenarioRecord.SIZE, records.byteSize());
            for (int s = 0; s < 3; s++) {
                for (int y = 1; y <= 5_000; y++) {
                    long i = (long) s * 5_000 + y - 1;
                    assertEquals(set.id(s), ScenarioRecord.scenarioId(records, i));
                    assertEquals(y, ScenarioRecord.year(records, i));
                    assertEquals(Double.doubleToRawLongBits(set.rate(s, y)), Double.doubleToRawLongBits(ScenarioRecord.rate(records, i)));
                }
            }
            ScenarioSet back = ScenarioSet.fromRecords(records);
            assertEquals(3, back.count());
            assertEquals(5_000, back.years());
            for (int s = 0; s < 3; s++) {
                assertEquals(set.id(s), back.id(s));
                for (int y = 1; y <= 5_000; y++) {
                    assertEquals(Double.doubleToRawLongBits(set.rate(s, y)), Double.doubleToRawLongBits(back.rate(s, y)));
                }
            }
        }
    }

    @Test
    void aRecordOutOfPlaceIsNamedWithWhatWasExpected() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment records = set().toRecords(arena);
            ScenarioRecord.year(records, 9_000, 77);   // scenario 2 (id 4294967294), year 4001, in the second copy
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioSet.fromRecords(records));
            assertEquals("scenario buffer record 9000 (scenario_id 4294967294, year 77): expected scenario_id 4294967294 year 4001;"
                    + " records must be grouped by scenario with years 1..5000 ascending", e.getMessage());
            ScenarioRecord.year(records, 9_000, 4_001);
            ScenarioRecord.scenarioId(records, 9_999, 42);   // the third scenario's id in the second's last year
            e = assertThrows(IllegalArgumentException.class, () -> ScenarioSet.fromRecords(records));
            assertEquals("scenario buffer record 9999 (scenario_id 42, year 5000): expected scenario_id 4294967294 year 5000;"
                    + " records must be grouped by scenario with years 1..5000 ascending", e.getMessage());
        }
    }
}
