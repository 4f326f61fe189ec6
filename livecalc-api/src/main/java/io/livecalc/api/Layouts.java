package io.livecalc.api;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The value layouts of record fields: little-endian, unaligned, so that access also works on segments
 * that are not 8-byte aligned (a heap {@code byte[]} segment, a slice); on x86 and ARM they cost the same
 * as aligned access. Every module reads and writes record fields through these (or through the record
 * classes' accessors, which use them); none declares its own.
 */
public final class Layouts {
    /** An unsigned 8-bit field (read with {@link Byte#toUnsignedInt}). */
    public static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    /** An unsigned 32-bit field (read with {@link Integer#toUnsignedLong}). */
    public static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** An unsigned 64-bit field (print with {@link Long#toUnsignedString(long)}). */
    public static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** A 64-bit IEEE 754 double. */
    public static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Layouts() {
    }
}
