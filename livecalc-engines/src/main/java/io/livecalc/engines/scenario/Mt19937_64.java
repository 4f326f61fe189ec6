package io.livecalc.engines.scenario;

/**
 * The standard 64-bit Mersenne Twister ({@code std::mt19937_64}), bit-compatible with the C++ library:
 * the same seed gives the same raw outputs and the same uniforms as libstdc++'s
 * {@code generate_canonical<double, 53>}.
 *
 * <p>Not thread-safe: one instance is one stream.
 */
public final class Mt19937_64 {

    private static final int N = 312;
    private static final int M = 156;
    private static final long MATRIX_A = 0xB5026F5AA96619E9L;
    private static final long UPPER_MASK = 0xFFFFFFFF80000000L;
    private static final long LOWER_MASK = 0x7FFFFFFFL;
    private static final double TWO_POW_64 = 0x1p64;
    private static final double LARGEST_BELOW_ONE = Math.nextDown(1.0);

    private final long[] mt = new long[N];
    private int index;

    /** A generator seeded like {@code std::mt19937_64(seed)}; the seed is taken as an unsigned 64-bit value. */
    public Mt19937_64(long seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 6364136223846793005L * (mt[i - 1] ^ (mt[i - 1] >>> 62)) + i;
        }
        index = N;
    }

    /** The next raw 64-bit output (an unsigned value; print with {@link Long#toUnsignedString(long)}). */
    public long nextLong() {
        if (index >= N) {
            twist();
        }
        long x = mt[index++];
        x ^= (x >>> 29) & 0x5555555555555555L;
        x ^= (x << 17) & 0x71D67FFFEDA60000L;
        x ^= (x << 37) & 0xFFF7EEE000000000L;
        x ^= x >>> 43;
        return x;
    }

    /**
     * A uniform double in [0, 1): the next output as an unsigned integer, converted to double with
     * round-to-nearest, divided by 2^64; a result that rounds up to 1 becomes the largest double below 1.
     */
    public double nextDouble() {
        double u = unsignedToDouble(nextLong()) / TWO_POW_64;
        return u >= 1.0 ? LARGEST_BELOW_ONE : u;
    }

    /** Round-to-nearest-even conversion of an unsigned 64-bit value (halving keeps a sticky bit). */
    static double unsignedToDouble(long x) {
        if (x >= 0) {
            return (double) x;
        }
        return (double) ((x >>> 1) | (x & 1L)) * 2.0;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            long x = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
            long xA = x >>> 1;
            if ((x & 1L) != 0) {
                xA ^= MATRIX_A;
            }
            mt[i] = mt[(i + M) % N] ^ xA;
        }
        index = 0;
    }
}
