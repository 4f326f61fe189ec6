package io.livecalc.parquet;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Compression of the pages of a Parquet file we write. Every one of them is also readable. */
public enum ParquetCodec {
    /** No compression: the largest files, the fastest writes. */
    UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED),
    /** Snappy (snappy-java, JNI). */
    SNAPPY(CompressionCodecName.SNAPPY),
    /** Zstandard (zstd-jni); the default, at level {@link ParquetWriteOptions#DEFAULT_ZSTD_LEVEL}. */
    ZSTD(CompressionCodecName.ZSTD),
    /** Deflate/gzip (java.util.zip), for readers that know nothing else. */
    GZIP(CompressionCodecName.GZIP);

    private final CompressionCodecName parquetName;

    ParquetCodec(CompressionCodecName parquetName) {
        this.parquetName = parquetName;
    }

    CompressionCodecName parquetName() {
        return parquetName;
    }
}
