package io.livecalc.buffers.csv;

import java.lang.foreign.MemorySegment;

/** How the rows of one record file layout become records; one instance per file read. */
interface RecordRows {

    /** Records one row makes: 1, or N for a wide scenario row of N years. */
    int recordsPerRow();

    /** Parses {@code row} (the reader's current line) into records {@code index..index+recordsPerRow-1}. */
    void parse(CsvReader csv, String[] row, MemorySegment target, long index);

    /** Checks what can only be checked at the end of the file (e.g. a scenario's length). */
    void finish(CsvReader csv, long records);
}
