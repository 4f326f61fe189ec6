package io.livecalc.am;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livecalc.api.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk cache of concrete table versions (immutable, so an entry never goes stale), shared by every
 * process that uses the same folder.
 *
 * <p>Layout: {@code <cache_dir>/am/<server>/<name>/<version>.table}, {@code <server>} being the service's
 * host and port plus a hash of its URL, so two services with the same table names never share entries.
 * An entry is one file: the line {@code LCAM1 sha256=<hex>}, then one line of schema JSON, then the values
 * as little-endian doubles; the checksum covers everything after the first line. A file that fails the
 * check is reported, deleted and fetched again.
 *
 * <p>Concurrency: entries are written under a temporary name and renamed ({@link AtomicFile}), so a reader
 * in any process sees a whole entry or none; two processes fetching the same version write the same bytes.
 * A hit sets the file's modification time, which orders the least-recently-used eviction that runs after
 * every write while the folder holds more than the size limit.
 */
final class TableCache {

    /** The default size limit: 500 MB. */
    static final long DEFAULT_LIMIT_BYTES = 500L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger("io.livecalc.events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAGIC = "LCAM1 sha256=";
    private static final String SUFFIX = ".table";
    /** Temporary files older than this were left by a process that died; eviction removes them. */
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    /** A cached table version. */
    record Entry(TableSchema schema, double[] values) {
    }

    private final Path root;
    private final Path serverDir;
    private final long limitBytes;

    /**
     * @param cacheDir   the credentials' cache_dir
     * @param serverUrl  the service's base URL (part of the key)
     * @param limitBytes evict least recently used entries above this total size
     */
    TableCache(Path cacheDir, String serverUrl, long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("cache size limit must be > 0 bytes, got " + limitBytes);
        }
        this.root = cacheDir.toAbsolutePath().normalize().resolve("am");
        this.serverDir = root.resolve(serverKey(serverUrl));
        this.limitBytes = limitBytes;
    }

    /** The file of an entry (which may not exist). */
    Path file(String name, String version) {
        return serverDir.resolve(name).resolve(version + SUFFIX);
    }

    /** The folder shared by every service's entries (eviction counts all of them). */
    Path root() {
        return root;
    }

    long limitBytes() {
        return limitBytes;
    }

    /** The entry, or empty when missing or corrupt (a corrupt one is reported and deleted). Marks it used. */
    Optional<Entry> read(String name, String version) {
        Path file = file(name, version);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("event", "am_cache_unreadable").addKeyValue("path", file.toString())
                    .log("cannot read the cached table {}: {}; fetching it again", file, e.toString());
            return Optional.empty();
        }
        Entry entry;
        try {
            entry = decode(bytes, name, version);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("event", "am_cache_corrupt").addKeyValue("path", file.toString())
                    .addKeyValue("assumption_name", name).addKeyValue("version", version)
                    .log("cached table {} {} is corrupt ({}): deleting it and fetching it again", name, version, e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the fresh entry replaces it anyway
            }
            return Optional.empty();
        }
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // evicted meanwhile, or read-only: only the LRU order suffers
        }
        return Optional.of(entry);
    }

    /** Stores an entry atomically, then evicts least-recently-used entries above the limit. */
    void write(TableSchema schema, double[] values) {
        Path file = file(schema.name(), schema.version());
        byte[] bytes = encode(schema, values);
        try {
            AtomicFile.write(file, tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("event", "am_cache_unwritable").addKeyValue("path", file.toString())
                    .log("cannot cache table {} {} at {}: {} (the run goes on without caching it)", schema.name(),
                            schema.version(), file, e.toString());
            return;
        }
        evict(file);
    }

    /** Versions of {@code name} in the cache, sorted. */
    List<String> versions(String name) {
        Path dir = serverDir.resolve(name);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(SUFFIX) && !f.startsWith("."))
                    .map(f -> f.substring(0, f.length() - SUFFIX.length())).sorted(VersionOrder.INSTANCE).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Deletes the least recently used entries (never {@code keep}) while the total exceeds the limit. */
    void evict(Path keep) {
        record Item(Path path, long size, FileTime used) {
        }
        List<Item> items = new ArrayList<>();
        Instant staleBefore = Instant.now().minus(STALE_TEMP);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String f = p.getFileName().toString();
                try {
                    if (f.startsWith(".") && f.endsWith(".tmp")) {
                        if (Files.getLastModifiedTime(p).toInstant().isBefore(staleBefore)) {
                            Files.deleteIfExists(p);
                        }
                    } else if (f.endsWith(SUFFIX) && Files.isRegularFile(p)) {
                        items.add(new Item(p, Files.size(p), Files.getLastModifiedTime(p)));
                    }
                } catch (IOException e) {
                    // deleted by another process while walking
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return; // another process is rearranging the folder; the next write evicts
        }
        long total = items.stream().mapToLong(Item::size).sum();
        if (total <= limitBytes) {
            return;
        }
        items.sort(Comparator.comparing(Item::used).thenComparing(i -> i.path().toString()));
        for (Item i : items) {
            if (total <= limitBytes) {
                break;
            }
            if (i.path().equals(keep)) {
                continue;
            }
            try {
                Files.deleteIfExists(i.path());
                total -= i.size();
                LOG.atDebug().addKeyValue("event", "am_cache_evicted").addKeyValue("path", i.path().toString())
                        .addKeyValue("bytes", i.size()).addKeyValue("cache_bytes", total).addKeyValue("limit_bytes", limitBytes)
                        .log("evicted the least recently used cached table {} ({} bytes; cache now {} of {} bytes)",
                                root.relativize(i.path()), i.size(), total, limitBytes);
            } catch (IOException e) {
                // another process removed or holds it; it no longer counts
            }
        }
    }

    // ---- entry format ---------------------------------------------------------------------------

    static byte[] encode(TableSchema schema, double[] values) {
        ObjectNode s = JSON.createObjectNode();
        s.put("name", schema.name()).put("version", schema.version()).put("table_type", schema.tableType())
                .put("row_count", schema.rowCount()).put("col_count", schema.colCount());
        schema.indexColumns().forEach(s.putArray("index_columns")::add);
        schema.columns().forEach(s.putArray("columns")::add);
        byte[] head = (s.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(head.length + values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        body.put(head);
        for (double v : values) {
            body.putDouble(v);
        }
        byte[] payload = body.array();
        byte[] first = (MAGIC + sha256(payload, 0) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[first.length + payload.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(payload, 0, out, first.length, payload.length);
        return out;
    }

    static Entry decode(byte[] bytes, String name, String version) {
        int nl = indexOf(bytes, 0);
        if (nl < 0 || !new String(bytes, 0, Math.min(nl, MAGIC.length()), StandardCharsets.US_ASCII).equals(MAGIC)) {
            throw new IllegalStateException("no LCAM1 header");
        }
        String expected = new String(bytes, MAGIC.length(), nl - MAGIC.length(), StandardCharsets.US_ASCII);
        String actual = sha256(bytes, nl + 1);
        if (!expected.equals(actual)) {
            throw new IllegalStateException("checksum " + actual + " does not match the recorded " + expected);
        }
        int nl2 = indexOf(bytes, nl + 1);
        if (nl2 < 0) {
            throw new IllegalStateException("no schema line");
        }
        JsonNode s;
        try {
            s = JSON.readTree(new String(bytes, nl + 1, nl2 - nl - 1, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("schema line is not JSON", e);
        }
        TableSchema schema = new TableSchema(s.path("name").asText(), s.path("version").asText(), s.path("table_type").asText(),
                s.path("row_count").asInt(), s.path("col_count").asInt(), strings(s.path("index_columns")), strings(s.path("columns")));
        if (!schema.name().equals(name) || !schema.version().equals(version)) {
            throw new IllegalStateException("entry holds " + schema.name() + " " + schema.version());
        }
        int bodyBytes = bytes.length - nl2 - 1;
        if (bodyBytes != schema.values() * Double.BYTES) {
            throw new IllegalStateException(bodyBytes + " bytes of values for " + schema.rowCount() + " x " + schema.colCount());
        }
        double[] values = new double[(int) schema.values()];
        ByteBuffer.wrap(bytes, nl2 + 1, bodyBytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
        return new Entry(schema, values);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static String sha256(byte[] bytes, int from) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, from, bytes.length - from);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** {@code host_port-<8 hex of the URL's hash>}: readable, and distinct per service. */
    static String serverKey(String url) {
        String normalized = url.trim().replaceAll("/+$", "");
        String hostPort = normalized.replaceFirst("^[a-zA-Z]+://", "").replaceAll("[^A-Za-z0-9.-]", "_");
        if (hostPort.length() > 60) {
            hostPort = hostPort.substring(0, 60);
        }
        return hostPort + "-" + sha256(normalized.getBytes(StandardCharsets.UTF_8), 0).substring(0, 8);
    }
}
