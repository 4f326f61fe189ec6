package io.livecalc.buffers;

/**
 * A request that can never succeed: zero or negative records, a blank name.
 */
public class InvalidBufferRequestException extends BufferException {
    private static final long serialVersionUID = 1L;

    public InvalidBufferRequestException(String message) {
        super(message);
    }
}
