package io.livecalc.buffers;

/**
 * A request for more records than one buffer of its type may hold (INPUT 10M, SCENARIO 100M, RESULT 100M). Chunk the work instead.
 */
public class BufferLimitExceededException extends BufferException {
    private static final long serialVersionUID = 1L;

    public BufferLimitExceededException(String message) {
        super(message);
    }
}
