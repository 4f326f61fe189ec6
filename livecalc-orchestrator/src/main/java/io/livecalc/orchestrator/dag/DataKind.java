package io.livecalc.orchestrator.dag;

import io.livecalc.api.BufferType;

/** What a data source file holds, and the buffer type it is loaded into. */
public enum DataKind {
    /** Policy records (INPUT buffers). */
    POLICIES(BufferType.INPUT),
    /** Economic scenarios (SCENARIO buffers). */
    SCENARIOS(BufferType.SCENARIO);

    private final BufferType bufferType;

    DataKind(BufferType bufferType) {
        this.bufferType = bufferType;
    }

    public BufferType bufferType() {
        return bufferType;
    }
}
