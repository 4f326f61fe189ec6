package io.livecalc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ZeroCopyHandOffTest {

    @Test
    void annuityOfTheChainedEnginesEqualsTheClosedForm() {
        // a(50) at 3% = (1 - 1.03^-50) / 0.03
        double expected = (1 - Math.pow(1.03, -50)) / 0.03;
        assertEquals(expected, ZeroCopyHandOff.run(3, 50, 0.03), 1e-12 * expected);
        assertEquals(25.729764007008, ZeroCopyHandOff.run(1, 50, 0.03), 1e-9);
    }
}
