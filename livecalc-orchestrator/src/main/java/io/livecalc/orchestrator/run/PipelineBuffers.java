package io.livecalc.orchestrator.run;

import io.livecalc.api.BufferType;
import io.livecalc.buffers.BufferBudgetExceededException;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The buffers of one built pipeline, kept from run to run: a run asks for each buffer by name, and gets the
 * previous run's buffer of that name, type and size back, zero-filled, instead of a new one. A repeated run of
 * the same inputs (and every solver evaluation) therefore allocates nothing. One run at a time holds the set
 * (see {@link io.livecalc.orchestrator.Pipeline#run()}); buffers the run did not ask for are freed when it ends, and so are shared-memory
 * buffers (a Python engine's): their files must not outlive the run that another process mapped them for.
 */
public final class PipelineBuffers implements AutoCloseable {

    private final BufferManager manager;
    private final Set<String> used = new HashSet<>();
    private long usedBytes;

    public PipelineBuffers(long byteBudget, java.util.function.Predicate<String> sharedNames) {
        this.manager = new BufferManager(byteBudget, sharedNames);
    }

    /** A zero-filled buffer of exactly {@code records} records: the kept one of that name when it fits, else a new one. */
    public BufferInfo acquire(BufferType type, String name, long records) {
        synchronized (this) {
            if (manager.contains(name) && !used.contains(name)) {
                BufferInfo kept = manager.get(name);
                if (kept.type().equals(type) && kept.recordCount() == records) {
                    kept.segment().fill((byte) 0); // a kept buffer reads like a new one: totals accumulate from zero
                    use(kept);
                    return kept;
                }
                manager.free(name);
            }
        }
        BufferInfo b;
        try {
            b = manager.allocate(type, name, records);
        } catch (BufferBudgetExceededException e) {
            freeUnused(); // the previous run's buffers that this run does not want are in the way
            b = manager.allocate(type, name, records);
        }
        synchronized (this) {
            use(b);
        }
        return b;
    }

    private void use(BufferInfo b) {
        used.add(b.name());
        usedBytes += b.totalBytes();
    }

    /** Frees one buffer of this run (a source that failed to load). */
    public synchronized void release(String name) {
        if (used.remove(name)) {
            usedBytes -= manager.get(name).totalBytes();
        }
        manager.free(name);
    }

    /** A run starts: every kept buffer is free to be handed out again. */
    public synchronized void startRun() {
        used.clear();
        usedBytes = 0;
    }

    /** A run ended: buffers it did not ask for are freed. */
    public synchronized void freeUnused() {
        for (String name : manager.stats().keySet()) {
            if (!used.contains(name)) {
                manager.free(name);
            }
        }
    }

    /** A run ended: its shared-memory buffers (files another process mapped) are freed, not kept. */
    public synchronized void freeShared() {
        for (String name : manager.stats().keySet()) {
            BufferInfo b = manager.get(name);
            if (b.isShared()) {
                if (used.remove(name)) {
                    usedBytes -= b.totalBytes();
                }
                manager.free(name);
            }
        }
    }

    /** Bytes of the buffers the current run holds (the budget left for chunk sizing is counted from this). */
    public synchronized long usedBytes() {
        return usedBytes;
    }

    public Map<String, Long> stats() {
        return manager.stats();
    }

    /** The manager underneath; its allocation counters show the reuse. */
    public BufferManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
