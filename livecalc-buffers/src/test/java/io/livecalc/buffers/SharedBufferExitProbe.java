package io.livecalc.buffers;

import io.livecalc.api.BufferType;

/** Child-JVM program for {@link SharedBufferLifetimeTest}: allocates a shared buffer, prints its file, then exits or hangs. */
public final class SharedBufferExitProbe {
    public static void main(String[] args) throws Exception {
        BufferManager m = new BufferManager(); // deliberately never closed
        BufferInfo b = m.allocateShared(BufferType.SCENARIO, "probe", 1000);
        System.out.println(b.sharedFile().orElseThrow());
        System.out.flush();
        if (args.length > 0 && args[0].equals("hang")) {
            Thread.sleep(60_000);
        }
        System.exit(0);
    }
}
