package io.livecalc.api;

import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Little-endian value layouts used to access record fields. Unaligned variants, so that the accessors
 * also work on segments that are not 8-byte aligned (a heap {@code byte[]} segment, a slice); on x86 and
 * ARM they cost the same as aligned access.
 */
final class Layouts {
    static final ValueLayout.OfByte U8 = ValueLayout.JAVA_BYTE;
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Layouts() {
    }
}
