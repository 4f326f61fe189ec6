package io.livecalc.parquet;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page compression without Hadoop. Parquet's own {@code CodecFactory} builds a Hadoop
 * {@code Configuration}, which would pull four more jars (woodstox, stax2, commons-collections,
 * shaded guava; build-recipe.md §3); calling zstd-jni, snappy-java and java.util.zip directly needs none.
 * Stateless, so one instance serves any number of readers and writers.
 */
final class JniCodecs implements CompressionCodecFactory {

    private final int zstdLevel;

    JniCodecs(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    /** Codecs a reader can decompress. */
    static boolean canRead(CompressionCodecName codec) {
        return switch (codec) {
            case UNCOMPRESSED, SNAPPY, ZSTD, GZIP -> true;
            default -> false;
        };
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new Compressor(codec, zstdLevel);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec, int level) {
        return new Compressor(codec, level);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (!canRead(codec)) {
            throw new UnsupportedOperationException("compression codec " + codec + " is not supported");
        }
        return new Decompressor(codec);
    }

    @Override
    public void release() {
        // nothing pooled
    }

    private record Compressor(CompressionCodecName codec, int level) implements BytesInputCompressor {
        @Override
        public BytesInput compress(BytesInput in) throws IOException {
            return switch (codec) {
                case UNCOMPRESSED -> in;
                case SNAPPY -> BytesInput.from(Snappy.compress(in.toByteArray()));
                case ZSTD -> BytesInput.from(Zstd.compress(in.toByteArray(), level));
                case GZIP -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(64, in.size() / 2));
                    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
                        in.writeAllTo(gz);
                    }
                    yield BytesInput.from(out.toByteArray());
                }
                default -> throw new UnsupportedOperationException("compression codec " + codec + " is not supported");
            };
        }

        @Override
        public CompressionCodecName getCodecName() {
            return codec;
        }

        @Override
        public void release() {
            // stateless
        }
    }

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput in, int uncompressedSize) throws IOException {
            if (codec == CompressionCodecName.UNCOMPRESSED) {
                return in;
            }
            byte[] compressed = in.toByteArray();
            return BytesInput.from(decompress(compressed, 0, compressed.length, uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] compressed = new byte[compressedSize];
            input.duplicate().get(compressed);
            byte[] plain = codec == CompressionCodecName.UNCOMPRESSED
                    ? compressed : decompress(compressed, 0, compressedSize, uncompressedSize);
            output.put(plain, 0, uncompressedSize);
        }

        private byte[] decompress(byte[] b, int off, int len, int uncompressedSize) throws IOException {
            byte[] out = new byte[uncompressedSize];
            int n = switch (codec) {
                case SNAPPY -> Snappy.uncompress(b, off, len, out, 0);
                case ZSTD -> {
                    long r = Zstd.decompressByteArray(out, 0, uncompressedSize, b, off, len);
                    if (Zstd.isError(r)) {
                        throw new IOException("ZSTD page cannot be decompressed: " + Zstd.getErrorName(r));
                    }
                    yield (int) r;
                }
                case GZIP -> {
                    try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(b, off, len))) {
                        yield gz.readNBytes(out, 0, uncompressedSize);
                    }
                }
                default -> throw new UnsupportedOperationException("compression codec " + codec + " is not supported");
            };
            if (n != uncompressedSize) {
                throw new IOException(codec + " page decompressed to " + n + " bytes, the page header says "
                        + uncompressedSize);
            }
            return out;
        }

        @Override
        public void release() {
            // stateless
        }
    }
}
