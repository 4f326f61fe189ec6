package io.livecalc.engines.python;

import java.util.List;

/**
 * A Python exception raised inside a worker, as the cause of the engine exception the bridge throws. Its
 * message is the Python traceback; its stack trace is made of the Python frames (file, line, function),
 * so a Java stack trace print shows where in Python the failure happened.
 */
public final class PythonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String pythonType;
    private final String traceback;

    PythonException(String pythonType, String message, String traceback, List<StackTraceElement> frames) {
        super(pythonType + ": " + message + (traceback.isEmpty() ? "" : "\n" + traceback.stripTrailing()), null, false, true);
        this.pythonType = pythonType;
        this.traceback = traceback;
        setStackTrace(frames.reversed().toArray(StackTraceElement[]::new)); // innermost frame first, as Java prints
    }

    /** The Python exception's class name, e.g. {@code ValueError}. */
    public String pythonType() {
        return pythonType;
    }

    /** The formatted Python traceback ({@code traceback.format_exception}). */
    public String traceback() {
        return traceback;
    }
}
