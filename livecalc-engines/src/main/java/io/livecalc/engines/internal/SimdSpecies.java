package io.livecalc.engines.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double species every Vector API kernel uses: {@code DoubleVector.SPECIES_PREFERRED}, or the one the
 * system property {@code livecalc.simd.bits} names (128, 256 or 512; tests run both 256 and 512). Only
 * loaded by Vector API classes, so it may reference the incubator module.
 *
 * <p>Internal to livecalc-engines; not an API.
 */
public final class SimdSpecies {

    private SimdSpecies() {
    }

    public static VectorSpecies<Double> doubles() {
        String bits = System.getProperty("livecalc.simd.bits");
        if (bits == null || bits.isBlank()) {
            return DoubleVector.SPECIES_PREFERRED;
        }
        return switch (bits.trim()) {
            case "128" -> DoubleVector.SPECIES_128;
            case "256" -> DoubleVector.SPECIES_256;
            case "512" -> DoubleVector.SPECIES_512;
            default -> throw new IllegalArgumentException("livecalc.simd.bits must be 128, 256 or 512, got " + bits);
        };
    }
}
