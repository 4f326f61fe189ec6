package io.livecalc.buffers.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CsvDecimalTest {

    /** What a CSV number may look like: parseDouble alone would also take "0x1p3", "1d", " 1" or "NaN". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Test
    void acceptsExactlyThePlainDecimalsAndReadsThemAsParseDoubleDoes() {
        List<String> yes = List.of("0", "7", "-7", "+7", "1.", "1.5", "-.5", ".5", "0.000144", "1e5", "1E-5", "2.5e+10", "00012",
                "-0", "3.e2", "-0.0", "0.1", "94.84", "8252.085855522228", "1e22", "1e23", "1e-22", "1e-23", "9007199254740992",
                "9007199254740993", "123456789012345678", "1234567890123456789", "0.30000000000000004", "1e400", "1e-400",
                "4.9e-324", "2.2250738585072014E-308", "1.7976931348623157e308", "000000000000000000000000001.5",
                "0.000000000000000000000000001", "1e0000000000000000000005", "100000000000000000000000e-10");
        List<String> no = List.of("", "+", "-", ".", "+.", "e5", ".e5", "1e", "1e+", "1.5.2", "1,5", " 1", "1 ", "0x10", "NaN",
                "Infinity", "-inf", "1e5.5", "١", "1d", "1f", "--1", "1e--2", "0x1p3");
        for (String s : yes) {
            assertTrue(DECIMAL.matcher(s).matches(), s);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(CsvReader.decimal(s)), s);
        }
        for (String s : no) {
            assertEquals(false, DECIMAL.matcher(s).matches(), s);
            assertTrue(Double.isNaN(CsvReader.decimal(s)), s);
        }
    }

    @Test
    void everyRandomDecimalGivesParseDoublesBits() {
        SplittableRandom random = new SplittableRandom(15);
        StringBuilder sb = new StringBuilder();
        int fastPath = 0;
        for (int k = 0; k < 500_000; k++) {
            sb.setLength(0);
            switch (random.nextInt(4)) {
                case 0 -> sb.append('-');
                case 1 -> sb.append('+');
                default -> { }
            }
            int whole = random.nextInt(k % 3 == 0 ? 25 : 10);
            for (int i = 0; i < whole; i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            int fraction = random.nextInt(k % 5 == 0 ? 30 : 12);
            if (fraction > 0 || whole == 0 || random.nextBoolean()) {
                sb.append('.');
            }
            for (int i = 0; i < fraction || (whole == 0 && i == 0); i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(3) == 0) {
                sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "")
                        .append(random.nextInt(k % 7 == 0 ? 400 : 30));
            }
            String s = sb.toString();
            double expected = Double.parseDouble(s);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(CsvReader.decimal(s)), s);
            fastPath += s.length() < 16 && !s.contains("e") && !s.contains("E") ? 1 : 0;
        }
        assertTrue(fastPath > 100_000, "many short plain numbers (the fast path) among them: " + fastPath);
    }
}
