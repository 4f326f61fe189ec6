package io.livecalc.buffers.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CsvDecimalTest {

    /** The pattern the scan replaced. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Test
    void theHandScanAcceptsExactlyWhatTheFormerPatternAccepted() {
        List<String> yes = List.of("0", "7", "-7", "+7", "1.", "1.5", "-.5", ".5", "0.000144", "1e5", "1E-5", "2.5e+10", "00012",
                "-0", "3.e2");
        List<String> no = List.of("", "+", "-", ".", "+.", "e5", ".e5", "1e", "1e+", "1.5.2", "1,5", " 1", "1 ", "0x10", "NaN",
                "Infinity", "-inf", "1e5.5", "١", "1d", "1f", "--1", "1e--2");
        for (String s : yes) {
            assertEquals(true, CsvReader.isDecimal(s), s);
            assertEquals(true, DECIMAL.matcher(s).matches(), s);
        }
        for (String s : no) {
            assertEquals(false, CsvReader.isDecimal(s), s);
            assertEquals(false, DECIMAL.matcher(s).matches(), s);
        }
    }
}
