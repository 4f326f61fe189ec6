package io.livecalc.bench.basicterm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

/** Each BasicTerm benchmark workload gives lifelib's published answer. */
class BasicTermWorkloadTest {

    @Test
    void basicTermM10kGivesThePublishedTotal() {
        try (Arena arena = Arena.ofShared()) {
            BasicTermWorkload w = BasicTermWorkload.m(1, arena);
            w.run();
            assertEquals(BasicTermWorkload.PUBLISHED_M, w.total(), 1e-9 * BasicTermWorkload.PUBLISHED_M);
            w.close();
        }
    }

    @Test
    void basicTermMe10kGivesThePublishedTotal() {
        try (Arena arena = Arena.ofShared()) {
            BasicTermWorkload w = BasicTermWorkload.me(arena);
            w.run();
            assertEquals(BasicTermWorkload.PUBLISHED_ME, w.total(), 1e-9 * BasicTermWorkload.PUBLISHED_ME);
            w.close();
        }
    }

    @Test
    void aMillionPointsGiveAHundredTimesThePublishedTotal() {
        try (Arena arena = Arena.ofShared()) {
            BasicTermWorkload w = BasicTermWorkload.m(100, arena);
            w.run();
            assertEquals(100 * BasicTermWorkload.PUBLISHED_M, w.total(), 1e-9 * 100 * BasicTermWorkload.PUBLISHED_M);
            w.close();
        }
    }
}
