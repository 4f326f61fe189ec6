package io.livecalc.buffers.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvLinesTest {

    /** Hands out at most {@code chunk} bytes per read, so lines and \r\n pairs straddle every refill. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static List<String> readLines(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                StandardCharsets.UTF_8.newDecoder()))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        }
        return out;
    }

    private static List<String> csvLines(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvLines lines = new CsvLines(in)) {
            for (String line; (line = lines.next()) != null; ) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void givesTheLinesBufferedReaderGivesForEveryTerminatorAndCharacter() throws IOException {
        String[] pieces = {"a", "policy_id,age", "1,25,M,100000.5", "", " ", "\u00e4", "\u20ac", "\ud83d\ude00", "\uFEFF", "\"x\"", ","};
        String[] ends = {"\n", "\r\n", "\r", "\n\n", "\r\r\n"};
        SplittableRandom random = new SplittableRandom(15);
        for (int k = 0; k < 3_000; k++) {
            StringBuilder sb = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                for (int m = random.nextInt(4); m >= 0; m--) {
                    sb.append(pieces[random.nextInt(pieces.length)]);
                }
                sb.append(ends[random.nextInt(ends.length)]);
            }
            if (random.nextBoolean()) {
                sb.append(pieces[random.nextInt(pieces.length)]);   // no terminator at the end
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            List<String> expected = readLines(bytes);
            assertEquals(expected, csvLines(new ByteArrayInputStream(bytes)), sb.toString());
            assertEquals(expected, csvLines(trickle(bytes, 1 + random.nextInt(7))), sb.toString());
        }
    }

    @Test
    void aLineLongerThanTheBufferGrowsIt() throws IOException {
        String longLine = "9".repeat(200_000) + "\u00e4" + "1".repeat(70_000);
        byte[] bytes = ("h\r\n" + longLine + "\r\nlast").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("h", longLine, "last"), csvLines(new ByteArrayInputStream(bytes)));
        assertEquals(List.of("h", longLine, "last"), csvLines(trickle(bytes, 4_099)));
    }

    @Test
    void malformedUtf8FailsOnItsLine() throws IOException {
        byte[] bytes = "ok\nSt\u00e4ndard\n".getBytes(StandardCharsets.ISO_8859_1);
        try (CsvLines lines = new CsvLines(new ByteArrayInputStream(bytes))) {
            assertEquals("ok", lines.next());
            assertThrows(CharacterCodingException.class, lines::next);
        }
    }
}
