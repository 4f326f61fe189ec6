package io.livecalc.buffers.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLineCountTest {

    @TempDir
    Path dir;

    private long count(String content) throws Exception {
        Path f = Files.writeString(dir.resolve("f.csv"), content, StandardCharsets.UTF_8);
        return CsvReader.countDataLines(f, "test file");
    }

    @Test
    void countsTheNonBlankLinesAfterTheHeader() throws Exception {
        assertEquals(3, count("h\n1\n2\n3\n"));
        assertEquals(3, count("h\n1\n2\n3"));                       // no newline at the end
        assertEquals(3, count("h\r\n1\r\n2\r\n3\r\n"));             // CRLF
        assertEquals(3, count("h\r1\r2\r3\r"));                     // CR alone (old Mac, Excel's "CSV (Macintosh)")
        assertEquals(3, count("h\r1\r\n2\n\r3"));                    // mixed
        assertEquals(3, count("\n \t\nh\n\n1\n   \n2\r\n\r\n3\n\n"));  // blank lines anywhere
        assertEquals(0, count("h\n"));
        assertEquals(0, count(""));
        assertEquals(0, count(" \n\t\n"));
        assertEquals(2, count("\uFEFFh\n1\n2\n"));                  // a byte order mark is not a row
    }

    @Test
    void neverCountsFewerRowsThanAFileHoldsWhateverItsSize() throws Exception {
        StringBuilder sb = new StringBuilder("policy_id,age\n");
        for (int i = 0; i < 100_000; i++) {
            sb.append(i).append(",40\n").append(i % 1000 == 0 ? "\u2003\n" : "");   // an em space line: blank, counted
        }
        assertEquals(100_100, count(sb.toString()));
    }
}
