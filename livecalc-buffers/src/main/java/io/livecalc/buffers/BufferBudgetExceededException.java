package io.livecalc.buffers;

/**
 * A request that would take the manager past its total byte budget.
 */
public class BufferBudgetExceededException extends BufferException {
    private static final long serialVersionUID = 1L;

    public BufferBudgetExceededException(String message) {
        super(message);
    }
}
