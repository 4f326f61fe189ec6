package io.livecalc.engines.internal;

import io.livecalc.api.EngineExecutionException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs numbered blocks of work on the calling thread plus helper threads of a pool, each thread taking the
 * next block number until none is left. Results never depend on the thread count as long as a block's
 * output depends only on its number (callers fix block boundaries independently of the threads).
 *
 * <p>Interruption of the calling thread stops every worker before its next block and surfaces as a
 * transient {@link EngineExecutionException}; a worker failure stops the others and is rethrown.
 *
 * <p>Internal to livecalc-engines; not an API.
 */
public final class ParallelBlocks {

    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    /** The work of one block, with the thread's own scratch space. */
    @FunctionalInterface
    public interface BlockTask<S> {
        void run(int block, S scratch);
    }

    private ParallelBlocks() {
    }

    /** A pool of {@code threads - 1} daemon helper threads named {@code livecalc-<name>-<pool>-<n>}, or {@code null} for one thread. */
    public static ExecutorService helperPool(String name, int threads) {
        if (threads <= 1) {
            return null;
        }
        int poolId = POOL_IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "livecalc-" + name + "-" + poolId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs blocks {@code 0..blocks-1} on the calling thread and up to {@code threads - 1} tasks of {@code pool}.
     *
     * @param what describes the work for the interruption message ("engine 'esg': 1000 scenarios")
     * @throws EngineExecutionException transient when the calling thread was interrupted; a worker's
     *                                  runtime exception is rethrown as is
     */
    public static <S> void run(String what, ExecutorService pool, int threads, int blocks, Supplier<S> scratch, BlockTask<S> task) {
        Thread caller = Thread.currentThread();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable worker = () -> {
            S s = scratch.get();
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                if (cancelled.get() || caller.isInterrupted()) {
                    throw new CancellationException();
                }
                task.run(b, s);
            }
        };
        int helpers = pool == null ? 0 : Math.max(0, Math.min(threads, blocks) - 1);
        List<Future<?>> futures = new ArrayList<>(helpers);
        try {
            for (int i = 0; i < helpers; i++) {
                futures.add(pool.submit(worker));
            }
            worker.run();
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException | CancellationException e) {
            cancelled.set(true);
            awaitQuietly(futures);
            Thread.currentThread().interrupt();
            throw interrupted(what);
        } catch (ExecutionException e) {
            cancelled.set(true);
            awaitQuietly(futures);
            Throwable cause = e.getCause();
            if (cause instanceof CancellationException) {
                Thread.currentThread().interrupt();
                throw interrupted(what);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new EngineExecutionException(what + ": worker failed: " + cause, cause);
        } catch (RuntimeException e) {
            cancelled.set(true);
            awaitQuietly(futures);
            throw e;
        }
    }

    private static EngineExecutionException interrupted(String what) {
        return new EngineExecutionException(what + ": interrupted; the work was abandoned", null, true);
    }

    private static void awaitQuietly(List<Future<?>> futures) {
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
