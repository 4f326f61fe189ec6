package io.livecalc.buffers.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 file, found on its bytes: what {@code BufferedReader.readLine} returns (terminated by
 * {@code \n}, {@code \r\n} or {@code \r}), without decoding every character through a {@code CharsetDecoder} and a
 * {@code StringBuilder}. An ASCII line, the usual CSV line, becomes its String in one copy; a line with other bytes is
 * decoded strictly (malformed UTF-8 throws {@link java.nio.charset.CharacterCodingException}). A byte that ends a
 * line never occurs inside a multi-byte UTF-8 sequence, so the lines are the same. A one-shot run interprets this
 * loop for every byte of its files before the JIT compiles it, so fewer bytecodes per byte is first-run time
 * (issue 15). Not thread-safe.
 */
final class CsvLines implements Closeable {

    private final InputStream in;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();   // reports malformed input
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean skipLineFeed;   // the last line ended with \r: a \n right after it belongs to it

    CsvLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator, or {@code null} at the end of the file. */
    String next() throws IOException {
        int scanned = position;
        boolean ascii = true;
        while (true) {
            if (skipLineFeed && position < limit) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    scanned = position;
                }
            }
            byte[] b = buffer;
            for (int i = scanned; i < limit; i++) {
                byte c = b[i];
                if (c == '\n' || c == '\r') {
                    String line = string(position, i, ascii);
                    position = i + 1;
                    skipLineFeed = c == '\r';
                    return line;
                }
                ascii &= c >= 0;
            }
            scanned = limit;
            int shift = position;
            if (!fill()) {
                skipLineFeed = false;
                if (position == limit) {
                    return null;
                }
                String line = string(position, limit, ascii);
                position = limit;
                return line;
            }
            scanned -= shift;
        }
    }

    /** Reads more bytes after the unread ones (moved to the front, the buffer doubled when one line fills it). */
    private boolean fill() throws IOException {
        int unread = limit - position;
        if (position == 0 && limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        } else {
            System.arraycopy(buffer, position, buffer, 0, unread);
        }
        position = 0;
        limit = unread;
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n <= 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private String string(int from, int to, boolean ascii) throws IOException {
        return ascii ? new String(buffer, from, to - from, StandardCharsets.ISO_8859_1)
                : utf8.decode(ByteBuffer.wrap(buffer, from, to - from)).toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
