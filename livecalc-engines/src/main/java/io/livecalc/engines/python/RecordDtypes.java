package io.livecalc.engines.python;

import io.livecalc.api.BufferType;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * numpy structured dtypes generated from the Java record layouts, the one source of truth: each buffer
 * type becomes {@code {"itemsize": n, "fields": [[name, format, offset], ...]}} with formats such as
 * {@code <u4} and {@code <f8}. The worker builds {@code np.dtype} from it and checks every offset and the
 * item size before any engine runs. Integer fields are unsigned (the records say u8/u32/u64).
 */
final class RecordDtypes {

    /** The buffer types every worker knows. */
    static final List<BufferType> TYPES = List.of(BufferType.INPUT, BufferType.SCENARIO, BufferType.RESULT,
            BufferType.SCENARIO_TOTAL, BufferType.RESULT_DETAIL, BufferType.SOLUTION);

    private RecordDtypes() {
    }

    /** Type name to dtype description, for {@code TYPES} plus {@code extra}. */
    static Map<String, Object> describe(List<BufferType> extra) {
        Map<String, Object> all = new LinkedHashMap<>();
        TYPES.forEach(t -> all.put(t.name(), describe(t)));
        extra.forEach(t -> all.put(t.name(), describe(t)));
        return all;
    }

    static Map<String, Object> describe(BufferType type) {
        StructLayout layout = type.layout();
        List<List<Object>> fields = new ArrayList<>();
        long offset = 0;
        for (MemoryLayout m : layout.memberLayouts()) {
            if (!(m instanceof PaddingLayout)) {
                ValueLayout v = (ValueLayout) m;
                String name = v.name().orElseThrow(() -> new IllegalArgumentException("record " + type.name() + ": unnamed field at " + m));
                fields.add(List.of(name, format(v), offset));
            }
            offset += m.byteSize();
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("itemsize", layout.byteSize());
        d.put("fields", fields);
        return d;
    }

    /** The numpy format of a field: byte order, kind (u unsigned integer, f float), size. */
    static String format(ValueLayout v) {
        String order = v.byteSize() == 1 ? "|" : v.order() == ByteOrder.LITTLE_ENDIAN ? "<" : ">";
        Class<?> c = v.carrier();
        String kind = c == double.class || c == float.class ? "f" : "u";
        if (c == boolean.class || c == char.class || c == java.lang.foreign.MemorySegment.class) {
            throw new IllegalArgumentException("no numpy format for a " + c + " field: " + v);
        }
        return order + kind + v.byteSize();
    }
}
