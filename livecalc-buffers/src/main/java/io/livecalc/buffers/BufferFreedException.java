package io.livecalc.buffers;

/**
 * The buffer was freed (or its manager closed); its memory is gone and cannot be read or written.
 */
public class BufferFreedException extends BufferException {
    private static final long serialVersionUID = 1L;

    public BufferFreedException(String message) {
        super(message);
    }
}
