package io.livecalc.buffers;

/**
 * Root of the BufferManager's failures. Every message names the buffer, the sizes involved and the remedy.
 */
public class BufferException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BufferException(String message) {
        super(message);
    }

    public BufferException(String message, Throwable cause) {
        super(message, cause);
    }
}
