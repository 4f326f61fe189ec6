package io.livecalc.buffers;

/**
 * No buffer of that name is allocated; the message lists the ones that are.
 */
public class UnknownBufferException extends BufferException {
    private static final long serialVersionUID = 1L;

    public UnknownBufferException(String message) {
        super(message);
    }
}
