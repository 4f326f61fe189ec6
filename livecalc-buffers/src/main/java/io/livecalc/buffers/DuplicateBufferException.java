package io.livecalc.buffers;

/**
 * A buffer of that name is already allocated in this manager.
 */
public class DuplicateBufferException extends BufferException {
    private static final long serialVersionUID = 1L;

    public DuplicateBufferException(String message) {
        super(message);
    }
}
