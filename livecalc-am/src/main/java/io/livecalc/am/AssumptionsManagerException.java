package io.livecalc.am;

import io.livecalc.api.InitializationException;

/**
 * The Assumptions Manager did not deliver a table: the service refused (401, 403, 404), failed (5xx after
 * the retries), could not be reached, or sent something that is not the table expected. The message names
 * the table, the version and the service URL, and never contains the token (only its masked form).
 */
public class AssumptionsManagerException extends InitializationException {
    private static final long serialVersionUID = 1L;

    /** Why the table could not be delivered. */
    public enum Reason {
        /** 401: the token was rejected (also after a refresh). */
        UNAUTHORIZED,
        /** 403: the user may not read the table. */
        FORBIDDEN,
        /** 404: no such table or version. */
        NOT_FOUND,
        /** No HTTP answer (connection refused, timeout) after the retries; nothing usable in the cache. */
        UNREACHABLE,
        /** 408, 429 or 5xx after the retries, or another unexpected status. */
        SERVICE_ERROR,
        /** An answer that is not the expected JSON, or numbers that do not fit the schema or the table's shape. */
        BAD_TABLE
    }

    private final Reason reason;
    private final int status;

    public AssumptionsManagerException(Reason reason, int status, String message) {
        this(reason, status, message, null);
    }

    public AssumptionsManagerException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status of the last answer, or 0 when there was none. */
    public int status() {
        return status;
    }
}
