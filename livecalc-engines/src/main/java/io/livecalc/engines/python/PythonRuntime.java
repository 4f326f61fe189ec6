package io.livecalc.engines.python;

import io.livecalc.api.InitializationException;
import io.livecalc.api.LivecalcHome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where Python and the shipped {@code livecalc} package are: the interpreter resolved once to an absolute
 * path (a pyenv shim is a bash script that costs start-up time), and the package unpacked from the jar to
 * a cache folder named by the hash of its content (so a new LiveCalc version never runs stale files).
 *
 * <p>Cache folder: {@code python/} in the LiveCalc home folder ({@link LivecalcHome}: {@code $LIVECALC_HOME},
 * else {@code ~/.livecalc}), else {@code java.io.tmpdir} when that cannot be written.
 */
final class PythonRuntime {

    static final String RESOURCES = "/livecalc-python/";
    private static final Map<String, Path> RESOLVED = new ConcurrentHashMap<>();
    private static volatile Path unpacked;

    private PythonRuntime() {
    }

    /**
     * The absolute path of the interpreter {@code executable} names (a name looked up on PATH, or a path),
     * as Python itself reports it ({@code sys.executable}); resolved once per name.
     *
     * @throws InitializationException Python is not found or does not run
     */
    static Path python(String engineId, String executable) {
        Path cached = RESOLVED.get(executable);
        if (cached != null) {
            return cached;
        }
        Path candidate = onPath(executable);
        if (candidate == null) {
            throw new InitializationException("engine '" + engineId + "': Python not found: '" + executable + "' is not "
                    + (executable.contains("/") ? "an executable file" : "on PATH (" + System.getenv("PATH") + ")")
                    + "; install Python 3 with numpy, or set config key 'python.executable' to the interpreter");
        }
        try {
            Process p = new ProcessBuilder(candidate.toString(), "-c", "import sys; print(sys.executable); print(sys.version_info[0])")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new InitializationException("engine '" + engineId + "': Python " + candidate + " does not run: " + out);
            }
            String[] lines = out.split("\\R");
            if (lines.length < 2 || !lines[lines.length - 1].trim().equals("3")) {
                throw new InitializationException("engine '" + engineId + "': " + candidate + " is not Python 3: " + out);
            }
            Path real = Path.of(lines[lines.length - 2].trim());
            Path resolved = Files.isExecutable(real) ? real : candidate;
            RESOLVED.put(executable, resolved);
            return resolved;
        } catch (IOException e) {
            throw new InitializationException("engine '" + engineId + "': cannot run Python " + candidate + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InitializationException("engine '" + engineId + "': interrupted while locating Python", e);
        }
    }

    private static Path onPath(String executable) {
        if (executable.contains("/")) {
            Path p = Path.of(executable);
            return Files.isExecutable(p) ? p.toAbsolutePath() : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, executable);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The folder holding the unpacked {@code livecalc} package (and the seed's {@code calc_engine_interface}). */
    static Path packageDirectory() {
        Path dir = unpacked;
        if (dir == null) {
            synchronized (PythonRuntime.class) {
                dir = unpacked;
                if (dir == null) {
                    dir = unpack();
                    unpacked = dir;
                }
            }
        }
        return dir;
    }

    /** The package's files (path relative to the package root, bytes), in manifest order. */
    static Map<String, byte[]> packageFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : resource("files.txt").lines().map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            files.put(name, bytes(name));
        }
        return files;
    }

    private static Path unpack() {
        Map<String, byte[]> files = packageFiles();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        files.forEach((name, content) -> {
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(content);
        });
        String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        IOException last = null;
        for (Path root : cacheRoots()) {
            Path target = root.resolve(hash);
            if (Files.isRegularFile(target.resolve("livecalc/worker.py"))) {
                return target;
            }
            try {
                Files.createDirectories(root);
                Path temp = Files.createTempDirectory(root, hash + ".tmp");
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Path p = temp.resolve(f.getKey());
                    Files.createDirectories(p.getParent());
                    Files.write(p, f.getValue());
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                    deleteTree(temp); // another JVM unpacked the same content first
                }
                if (Files.isRegularFile(target.resolve("livecalc/worker.py"))) {
                    return target;
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw new InitializationException("cannot unpack the livecalc Python package to " + cacheRoots()
                + (last != null ? ": " + last.getMessage() : "") + "; set " + LivecalcHome.ENV + " to a writable folder", last);
    }

    private static List<Path> cacheRoots() {
        return List.of(LivecalcHome.dir().resolve("python"),
                Path.of(System.getProperty("java.io.tmpdir"), "livecalc-python-" + System.getProperty("user.name")));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String resource(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = PythonRuntime.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCES + name + " is missing from the livecalc-engines jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
