package io.livecalc.parquet;

/**
 * How a Parquet file is written.
 *
 * @param codec         page compression; {@link ParquetCodec#ZSTD} by default
 * @param zstdLevel     Zstandard level 1..22 (ignored by other codecs); 3 by default
 * @param rowGroupBytes target size of a row group before compression; the default, 128 MiB, holds about
 *                      2M result rows or 4M policy rows, so a 1M-row file is one row group
 */
public record ParquetWriteOptions(ParquetCodec codec, int zstdLevel, long rowGroupBytes) {

    public static final int DEFAULT_ZSTD_LEVEL = 3;
    public static final long DEFAULT_ROW_GROUP_BYTES = 128L << 20;

    public ParquetWriteOptions {
        if (codec == null) {
            throw new IllegalArgumentException("codec must not be null");
        }
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel must be 1..22, got " + zstdLevel);
        }
        if (rowGroupBytes < 1024) {
            throw new IllegalArgumentException("rowGroupBytes must be at least 1024, got " + rowGroupBytes);
        }
    }

    /** ZSTD level 3, 128 MiB row groups. */
    public static ParquetWriteOptions defaults() {
        return new ParquetWriteOptions(ParquetCodec.ZSTD, DEFAULT_ZSTD_LEVEL, DEFAULT_ROW_GROUP_BYTES);
    }

    public ParquetWriteOptions withCodec(ParquetCodec newCodec) {
        return new ParquetWriteOptions(newCodec, zstdLevel, rowGroupBytes);
    }

    public ParquetWriteOptions withZstdLevel(int level) {
        return new ParquetWriteOptions(codec, level, rowGroupBytes);
    }

    public ParquetWriteOptions withRowGroupBytes(long bytes) {
        return new ParquetWriteOptions(codec, zstdLevel, bytes);
    }
}
