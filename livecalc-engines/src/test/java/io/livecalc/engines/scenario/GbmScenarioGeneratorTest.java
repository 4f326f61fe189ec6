package io.livecalc.engines.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livecalc.engines.ReferenceData;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

class GbmScenarioGeneratorTest {

    @Test
    void mt19937_64RawOutputsAndPolarNormalsEqualLibstdcxxForSeed42() throws IOException {
        List<String> lines = Files.readAllLines(ReferenceData.expected("rng_mt19937_64_seed42.txt"));
        List<String> raw = lines.subList(1, 6);
        List<String> normals = lines.subList(7, 17);
        Mt19937_64 rng = new Mt19937_64(42);
        for (String expected : raw) {
            assertEquals(expected.trim(), Long.toUnsignedString(rng.nextLong()));
        }
        PolarNormal normal = new PolarNormal(new Mt19937_64(42));
        for (String expected : normals) {
            assertEquals(Double.parseDouble(expected.trim()), normal.next(), 0.0);
        }
    }

    @Test
    void originalCliDefaultsReproduceTheRateTableOfTheCxxToolBitForBit() throws IOException {
        ScenarioSet set = GbmScenarioGenerator.generate(GbmScenarioGenerator.Parameters.originalCliDefaults());
        List<String> lines = Files.readAllLines(ReferenceData.upstream("scenarios_gbm_seed42_n1000.csv"));
        assertEquals(1001, lines.size());
        assertEquals(1000, set.count());
        int mismatches = 0;
        String first = null;
        for (int s = 0; s < 1000; s++) {
            String[] cells = lines.get(s + 1).split(",");
            assertEquals(s, Integer.parseInt(cells[0]));
            assertEquals(s, set.id(s));
            for (int y = 1; y <= 50; y++) {
                double expected = Double.parseDouble(cells[y]);
                if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(set.rate(s, y))) {
                    mismatches++;
                    if (first == null) {
                        first = "scenario " + s + " year " + y + ": expected " + expected + " got " + set.rate(s, y);
                    }
                }
            }
        }
        String firstMismatch = first;
        assertEquals(0, mismatches, () -> "first mismatch: " + firstMismatch);
    }

    @Test
    void unsignedConversionRoundsToNearestEven() {
        assertEquals(0x1p64, Mt19937_64.unsignedToDouble(-1L), 0.0);
        assertEquals(0x1p63, Mt19937_64.unsignedToDouble(Long.MIN_VALUE), 0.0);
        // 2^63 + 2^10 is a tie between 2^63 and 2^63 + 2^11: even mantissa wins (2^63)
        assertEquals(0x1p63, Mt19937_64.unsignedToDouble(Long.MIN_VALUE + 1024), 0.0);
        assertEquals(0x1p63 + 4096, Mt19937_64.unsignedToDouble(Long.MIN_VALUE + 3072), 0.0);
        assertEquals(0x1p63 + 2048, Mt19937_64.unsignedToDouble(Long.MIN_VALUE + 1025), 0.0);
    }
}
