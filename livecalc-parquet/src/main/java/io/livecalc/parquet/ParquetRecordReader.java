package io.livecalc.parquet;

import io.livecalc.api.Layouts;
import io.livecalc.api.BufferType;
import io.livecalc.parquet.RecordSchema.Column;
import io.livecalc.parquet.RecordSchema.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file into records of one buffer type, column by column, batch after batch into a
 * buffer the caller reuses: files larger than memory are read with a buffer of any size.
 *
 * <p>The schema is validated when the reader is opened, before any data is read: every column the
 * record holds must be present (extra columns are ignored) with a compatible type. Integer columns may
 * be INT32 or INT64, signed or unsigned, of any declared width (uint8, int32, int64, ...); each value is
 * checked against the record field's range (age 0..120, term a u32, ...). Floating-point columns may be
 * DOUBLE or FLOAT (widened exactly) or integers. A null in any column the record holds is an error.
 * Every failure is a {@link ParquetFormatException} naming file, row (1-based) and column.
 *
 * <p>Not thread-safe. Close it to release the file.
 */
public final class ParquetRecordReader implements AutoCloseable {

    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
    /** Rows decoded per column before they are scattered into records (8 columns: 4 MB of staging). */
    private static final int BLOCK = 1 << 16;
    private static final int PARALLEL_MIN_ROWS = 4096;

    /** How the file's values are decoded. */
    private enum Decode { I32_SIGNED, I32_UNSIGNED, I64_SIGNED, I64_UNSIGNED, DOUBLE, FLOAT }

    private record Plan(Column column, Decode decode, ColumnDescriptor descriptor) {
    }

    private final Path file;
    private final RecordSchema schema;
    private final ParquetFileReader reader;
    private final MessageType requested;
    private final Plan[] plans;
    private final ColumnReader[] columnReaders;
    /** Decoded values per column for one block (doubles as raw bits), reused across blocks. */
    private final long[][] staging;
    private final long rowCount;
    private long rowsRead;
    private long rowsLeftInGroup;
    private int rowGroup;

    private ParquetRecordReader(Path file, RecordSchema schema) {
        this.file = file;
        this.schema = schema;
        this.reader = open(file);
        try {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            List<Plan> planned = plan(fileSchema);
            this.plans = planned.toArray(Plan[]::new);
            this.requested = new MessageType(fileSchema.getName(),
                    planned.stream().map(p -> (Type) fileSchema.getType(p.column().name())).toList());
            checkCodecs();
            reader.setRequestedSchema(requested);
            this.columnReaders = new ColumnReader[plans.length];
            this.rowCount = reader.getRecordCount();
            this.staging = new long[plans.length][(int) Math.min(BLOCK, Math.max(1, rowCount))];
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Opens {@code file} for records of {@code type} and validates its schema. */
    static ParquetRecordReader open(Path file, BufferType type) {
        return new ParquetRecordReader(file, RecordSchema.of(type));
    }

    /** Number of rows in the file, from its footer. */
    static long rowCount(Path file) {
        try (ParquetFileReader r = open(file)) {
            return r.getRecordCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows in the file (from the footer). */
    public long rowCount() {
        return rowCount;
    }

    /** Rows returned so far. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Rows of the largest row group: a buffer this big reads the file one row group per call. */
    public long largestRowGroup() {
        return reader.getRowGroups().stream().mapToLong(BlockMetaData::getRowCount).max().orElse(0);
    }

    /** The buffer type this reader fills. */
    public BufferType bufferType() {
        return schema.type;
    }

    /**
     * Fills {@code target} from its first byte with the next records, as many as it holds whole (across
     * row groups), and returns how many it wrote; 0 once the file is exhausted.
     *
     * @throws ParquetFormatException for a null, an out-of-range value or an unreadable page; the
     *                                reader should not be used afterwards
     */
    public long read(MemorySegment target) {
        long capacity = target.byteSize() / schema.stride();
        if (capacity == 0 && rowsRead < rowCount) {
            throw new IllegalArgumentException("target segment of " + target.byteSize() + " bytes holds no "
                    + schema.type.name() + " record of " + schema.stride() + " bytes");
        }
        long filled = 0;
        while (filled < capacity) {
            if (rowsLeftInGroup == 0 && !nextRowGroup()) {
                break;
            }
            int take = (int) Math.min(Math.min(capacity - filled, rowsLeftInGroup), Integer.MAX_VALUE);
            try {
                for (int done = 0; done < take; ) {
                    int m = Math.min(BLOCK, take - done);
                    decodeBlock(filled + done, m);
                    scatter(target, filled + done, m);
                    done += m;
                }
            } catch (ParquetFormatException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ParquetFormatException(file, "Cannot read row group " + rowGroup + " of Parquet file "
                        + file + ": " + e.getMessage(), e);
            }
            filled += take;
            rowsLeftInGroup -= take;
            rowsRead += take;
        }
        return filled;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean nextRowGroup() {
        PageReadStore rg;
        try {
            rg = reader.readNextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw new ParquetFormatException(file, "Cannot read row group " + (rowGroup + 1) + " of Parquet file "
                    + file + " (corrupt or truncated data): " + e.getMessage(), e);
        }
        if (rg == null) {
            return false;
        }
        rowGroup++;
        String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(rg,
                new GroupRecordConverter(requested).getRootConverter(), requested, createdBy);
        for (int c = 0; c < plans.length; c++) {
            columnReaders[c] = store.getColumnReader(plans[c].descriptor());
        }
        rowsLeftInGroup = rg.getRowCount();
        return true;
    }

    /**
     * Decodes the next {@code n} values of every column into {@link #staging}, the columns in parallel
     * (each column has its own reader and pages, so decompression and decoding spread over the cores).
     * Staging first and then {@link #scatter} keeps the threads off each other's cache lines: the fields
     * of one record share a line. A failure in several columns reports the first column's.
     */
    private void decodeBlock(long first, int n) {
        if (n < PARALLEL_MIN_ROWS || plans.length == 1) {
            for (int c = 0; c < plans.length; c++) {
                decodeColumn(c, first, n);
            }
            return;
        }
        RuntimeException[] errors = new RuntimeException[plans.length];
        IntStream.range(0, plans.length).parallel().forEach(c -> {
            try {
                decodeColumn(c, first, n);
            } catch (RuntimeException e) {
                errors[c] = e;
            }
        });
        for (RuntimeException e : errors) {
            if (e != null) {
                throw e;
            }
        }
    }

    /** Decodes {@code n} values of column {@code c} (record {@code first} of this call onwards) into staging. */
    private void decodeColumn(int c, long first, int n) {
        Plan plan = plans[c];
        ColumnReader cr = columnReaders[c];
        long[] out = staging[c];
        Column col = plan.column();
        int maxDef = plan.descriptor().getMaxDefinitionLevel();
        boolean toDouble = col.storage() == Storage.F64;
        Decode decode = plan.decode();
        boolean signed = decode == Decode.I32_SIGNED || decode == Decode.I64_SIGNED;
        for (int i = 0; i < n; i++) {
            if (maxDef > 0 && cr.getCurrentDefinitionLevel() < maxDef) {
                throw new ParquetFormatException(file, file + " row " + (rowsRead + first + i + 1) + ", column '"
                        + col.name() + "': null in a required column of the " + schema.name + " schema");
            }
            if (toDouble) {
                double d = switch (decode) {
                    case DOUBLE -> cr.getDouble();
                    case FLOAT -> cr.getFloat();
                    case I32_SIGNED -> cr.getInteger();
                    case I32_UNSIGNED -> Integer.toUnsignedLong(cr.getInteger());
                    case I64_SIGNED -> cr.getLong();
                    case I64_UNSIGNED -> unsignedToDouble(cr.getLong());
                };
                out[i] = Double.doubleToRawLongBits(d);
            } else {
                long v = switch (decode) {
                    case I32_SIGNED -> cr.getInteger();
                    case I32_UNSIGNED -> Integer.toUnsignedLong(cr.getInteger());
                    case I64_SIGNED, I64_UNSIGNED -> cr.getLong();
                    default -> throw new IllegalStateException(decode.name());
                };
                if (!RecordSchema.fits(col, v, signed)) {
                    throw new ParquetFormatException(file, schema.outOfRange(file + " row " + (rowsRead + first + i + 1), col, v, signed));
                }
                out[i] = v;
            }
            cr.consume();
        }
    }

    /** Writes {@code n} staged values of every column into records {@code first..first+n-1} of {@code target}. */
    private void scatter(MemorySegment target, long first, int n) {
        long stride = schema.stride();
        for (int c = 0; c < plans.length; c++) {
            Column col = plans[c].column();
            long[] in = staging[c];
            long pos = first * stride + col.offset();
            switch (col.storage()) {
                case U8 -> {
                    for (int i = 0; i < n; i++, pos += stride) {
                        target.set(Layouts.U8, pos, (byte) in[i]);
                    }
                }
                case U32 -> {
                    for (int i = 0; i < n; i++, pos += stride) {
                        target.set(Layouts.U32, pos, (int) in[i]);
                    }
                }
                case U64 -> {
                    for (int i = 0; i < n; i++, pos += stride) {
                        target.set(Layouts.U64, pos, in[i]);
                    }
                }
                case F64 -> {
                    for (int i = 0; i < n; i++, pos += stride) {
                        target.set(Layouts.F64, pos, Double.longBitsToDouble(in[i]));
                    }
                }
            }
        }
    }

    private static double unsignedToDouble(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    private List<Plan> plan(MessageType fileSchema) {
        List<String> missing = new ArrayList<>();
        List<Plan> planned = new ArrayList<>();
        for (Column col : schema.columns) {
            if (!col.inRecord()) {
                continue;
            }
            if (!fileSchema.containsField(col.name())) {
                missing.add(col.name());
                continue;
            }
            Type t = fileSchema.getType(col.name());
            Decode decode = t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)
                    ? decodeOf(t.asPrimitiveType(), col.storage()) : null;
            if (decode == null) {
                throw new ParquetFormatException(file, "Column '" + col.name() + "' in " + schema.name + " schema ("
                        + file + ") has type " + describe(t) + ", expected "
                        + (col.storage().isInteger() ? "an integer (INT32 or INT64, signed or unsigned)"
                                : "a number (DOUBLE, FLOAT or an integer)"));
            }
            planned.add(new Plan(col, decode, fileSchema.getColumnDescription(new String[] {col.name()})));
        }
        if (missing.size() == 1) {
            throw new ParquetFormatException(file, "Missing required column '" + missing.getFirst() + "' in "
                    + schema.name + " schema (" + file + ")");
        }
        if (!missing.isEmpty()) {
            throw new ParquetFormatException(file, "Missing required columns '" + String.join("', '", missing)
                    + "' in " + schema.name + " schema (" + file + ")");
        }
        return planned;
    }

    private static Decode decodeOf(PrimitiveType t, Storage storage) {
        LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
        boolean plainInt = logical == null || logical instanceof IntLogicalTypeAnnotation;
        boolean unsigned = logical instanceof IntLogicalTypeAnnotation i && !i.isSigned();
        PrimitiveTypeName p = t.getPrimitiveTypeName();
        if (p == PrimitiveTypeName.INT32 && plainInt) {
            return unsigned ? Decode.I32_UNSIGNED : Decode.I32_SIGNED;
        }
        if (p == PrimitiveTypeName.INT64 && plainInt) {
            return unsigned ? Decode.I64_UNSIGNED : Decode.I64_SIGNED;
        }
        if (storage == Storage.F64 && logical == null) {
            if (p == PrimitiveTypeName.DOUBLE) {
                return Decode.DOUBLE;
            }
            if (p == PrimitiveTypeName.FLOAT) {
                return Decode.FLOAT;
            }
        }
        return null;
    }

    private static String describe(Type t) {
        if (!t.isPrimitive()) {
            return "group " + t;
        }
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation l = p.getLogicalTypeAnnotation();
        String s = p.getPrimitiveTypeName().name() + (l == null ? "" : " (" + l + ")");
        return t.isRepetition(Type.Repetition.REPEATED) ? "repeated " + s : s;
    }

    private void checkCodecs() {
        for (BlockMetaData block : reader.getRowGroups()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                if (!JniCodecs.canRead(chunk.getCodec())) {
                    throw new ParquetFormatException(file, "Parquet file " + file + " is compressed with "
                            + chunk.getCodec() + ", which is not supported; supported: UNCOMPRESSED, SNAPPY, ZSTD, GZIP");
                }
            }
        }
    }

    private void closeQuietly() {
        try {
            reader.close();
        } catch (IOException | RuntimeException ignored) {
            // already failing
        }
    }

    /** Opens the footer, turning each way a file can be unusable into its own message. */
    private static ParquetFileReader open(Path file) {
        if (!Files.exists(file)) {
            throw new ParquetFormatException(file, "File not found: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new ParquetFormatException(file, "Not a Parquet file: " + file + " is a folder or special file");
        }
        long size;
        byte[] head;
        byte[] tail = new byte[4];
        try {
            size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(4);
            }
            if (size >= 12) {
                try (var ch = Files.newByteChannel(file)) {
                    ch.position(size - 4);
                    ch.read(java.nio.ByteBuffer.wrap(tail));
                }
            }
        } catch (IOException e) {
            throw new ParquetFormatException(file, "Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!Arrays.equals(head, MAGIC)) {
            throw new ParquetFormatException(file, "Not a Parquet file: " + file
                    + " (it does not start with the Parquet magic bytes PAR1" + (size == 0 ? "; the file is empty)" : ")"));
        }
        if (size < 12 || !Arrays.equals(tail, MAGIC)) {
            throw new ParquetFormatException(file, "Truncated Parquet file: " + file + " (" + size
                    + " bytes; the footer is missing, so the file was not written completely)");
        }
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new JniCodecs(ParquetWriteOptions.DEFAULT_ZSTD_LEVEL)).build();
        try {
            return ParquetFileReader.open(new LocalInputFile(file), options);
        } catch (IOException | RuntimeException e) {
            throw new ParquetFormatException(file, "Corrupt Parquet file: " + file + " (the footer cannot be read: "
                    + e.getMessage() + ")", e);
        }
    }
}
