/**
 * Off-heap buffers engines hand to each other without copying.
 *
 * <p>{@link io.livecalc.buffers.BufferManager} allocates 16-byte-aligned, zero-filled {@code MemorySegment}s of a
 * record type, within per-buffer limits and an overall memory budget, in process memory or in shared memory
 * ({@code /dev/shm}) that a Python worker maps; buffers of a killed process are swept on the next start.
 * {@link io.livecalc.buffers.PolicyView}, {@link io.livecalc.buffers.ScenarioView} and
 * {@link io.livecalc.buffers.ResultView} read records by index.
 */
package io.livecalc.buffers;
