package io.livecalc.orchestrator.credentials.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.LivecalcHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads credentials from the environment variables and from {@code ~/.livecalc/credentials.json}. Every
 * failure is a {@link ConfigurationException} naming the variable, or the file, key, line and column; no
 * message quotes a token.
 */
public final class CredentialSources {

    public static final String ENV_URL = "LIVECALC_AM_URL";
    public static final String ENV_TOKEN = "LIVECALC_AM_TOKEN";
    public static final String ENV_CACHE_DIR = "LIVECALC_AM_CACHE_DIR";

    public static final String KEY_URL = "am_url";
    public static final String KEY_TOKEN = "am_token";
    public static final String KEY_CACHE_DIR = "cache_dir";
    private static final List<String> KEYS = List.of(KEY_URL, KEY_TOKEN, KEY_CACHE_DIR);

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private CredentialSources() {
    }

    /** {@code credentials.json} in the LiveCalc home folder ({@link LivecalcHome}: {@code LIVECALC_HOME}, else {@code home/.livecalc}). */
    public static Path configFile(Map<String, String> env, Path home) {
        return LivecalcHome.dir(env, home).resolve("credentials.json");
    }

    /**
     * Credentials from the {@code LIVECALC_AM_*} variables; empty when none of them is set (blank counts
     * as unset).
     *
     * @throws ConfigurationException when some but not all of URL and token are set; the message names the
     *                                missing variable
     */
    public static Optional<AMCredentials> fromEnvironment(Map<String, String> env, Path home) {
        String url = nonBlank(env.get(ENV_URL));
        String token = nonBlank(env.get(ENV_TOKEN));
        String cacheDir = nonBlank(env.get(ENV_CACHE_DIR));
        if (url == null && token == null && cacheDir == null) {
            return Optional.empty();
        }
        if (url == null || token == null) {
            String set = url != null ? ENV_URL : token != null ? ENV_TOKEN : ENV_CACHE_DIR;
            String missing = url == null && token == null ? ENV_URL + " and " + ENV_TOKEN
                    : url == null ? ENV_URL : ENV_TOKEN;
            throw new ConfigurationException("Assumptions Manager credentials in the environment are incomplete: "
                    + set + " is set but " + missing + (missing.contains(" and ") ? " are" : " is")
                    + " not (or empty). Set " + ENV_URL + " and " + ENV_TOKEN + " together (" + ENV_CACHE_DIR
                    + " is optional), or unset " + set + " to use " + configFile(env, home) + ".");
        }
        Path cache = cacheDir == null ? null : resolvePath(cacheDir, home, Path.of("").toAbsolutePath());
        return Optional.of(new AMCredentials(url, token, cache));
    }

    /**
     * Credentials from the JSON file {@code {"am_url": ..., "am_token": ..., "cache_dir": ...}}; empty when
     * the file does not exist. {@code cache_dir} may be absent or null; {@code ~} means {@code home} and a
     * relative path is relative to the file's folder.
     *
     * @throws ConfigurationException on unreadable or malformed JSON (file, line, column), an unknown or
     *                                duplicate key, a value that is not a string, or a missing URL or token
     */
    public static Optional<AMCredentials> fromFile(Path file, Path home) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the credentials file " + file + ": " + e, e);
        }
        Map<String, String> values = parse(file, bytes);
        for (String required : List.of(KEY_URL, KEY_TOKEN)) {
            if (nonBlank(values.get(required)) == null) {
                throw new ConfigurationException("The credentials file " + file + " has no \"" + required
                        + "\" (or it is empty); expected {\"am_url\": \"https://...\", \"am_token\": \"...\","
                        + " \"cache_dir\": \"...\"} (cache_dir optional). Run `livecalc login` to rewrite it.");
            }
        }
        String cacheDir = nonBlank(values.get(KEY_CACHE_DIR));
        Path base = file.toAbsolutePath().getParent();
        return Optional.of(new AMCredentials(values.get(KEY_URL).trim(), values.get(KEY_TOKEN).trim(),
                cacheDir == null ? null : resolvePath(cacheDir, home, base)));
    }

    private static Map<String, String> parse(Path file, byte[] bytes) {
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new ConfigurationException("The credentials file " + file + " is empty; expected a JSON object"
                        + " with \"am_url\", \"am_token\" and optionally \"cache_dir\".");
            }
            if (t != JsonToken.START_OBJECT) {
                throw new ConfigurationException(at(file, p.currentTokenLocation())
                        + ": expected a JSON object with \"am_url\", \"am_token\" and optionally \"cache_dir\".");
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation where = p.currentTokenLocation();
                if (!KEYS.contains(key)) {
                    throw new ConfigurationException(at(file, where) + ": unknown key \"" + key
                            + "\"; the known keys are " + String.join(", ", KEYS) + ".");
                }
                if (values.containsKey(key)) {
                    throw new ConfigurationException(at(file, where) + ": duplicate key \"" + key + "\".");
                }
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    values.put(key, p.getText());
                } else if (value == JsonToken.VALUE_NULL && key.equals(KEY_CACHE_DIR)) {
                    values.put(key, null);
                } else {
                    throw new ConfigurationException(at(file, p.currentTokenLocation()) + ": \"" + key
                            + "\" must be a string, not " + describe(value) + ".");
                }
            }
            if (p.nextToken() != null) {
                throw new ConfigurationException(at(file, p.currentTokenLocation())
                        + ": unexpected content after the JSON object.");
            }
        } catch (JsonProcessingException e) {
            // The original message may quote an unquoted token: mask quoted snippets.
            throw new ConfigurationException(at(file, e.getLocation()) + ": malformed JSON: "
                    + CredentialRedaction.maskQuoted(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the credentials file " + file + ": " + e, e);
        }
        return values;
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(token);
        };
    }

    private static String at(Path file, JsonLocation where) {
        if (where == null || where.getLineNr() < 0) {
            return "The credentials file " + file;
        }
        return "The credentials file " + file + ", line " + where.getLineNr() + ", column " + where.getColumnNr();
    }

    /** {@code ~} and {@code ~/x} against {@code home}; other relative paths against {@code base}. */
    static Path resolvePath(String value, Path home, Path base) {
        String v = value.trim();
        if (v.equals("~")) {
            return home;
        }
        if (v.startsWith("~/")) {
            return home.resolve(v.substring(2));
        }
        Path p = Path.of(v);
        return p.isAbsolute() ? p : base.resolve(p).normalize();
    }

    /**
     * The file's permissions in {@code rwxr-xr-x} form when group or others have any access to it; empty at
     * owner-only permissions, on file systems without POSIX permissions, or when the file is unreadable.
     */
    public static Optional<String> looseningPermissions(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            for (PosixFilePermission p : perms) {
                if (GROUP_OR_OTHERS.contains(p)) {
                    return Optional.of(PosixFilePermissions.toString(perms));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Writes {@code credentials} to {@code file} as {@code {"am_url", "am_token", "cache_dir"}}, atomically
     * (temporary file, then rename) and readable by the owner only (POSIX {@code rw-------}; the folder
     * {@code rwx------} when created).
     *
     * @throws ConfigurationException when the file cannot be written; the message names the file
     */
    public static void write(Path file, AMCredentials credentials) {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileAttributeView(dir.getRoot(), PosixFileAttributeView.class) != null;
        Path tmp = null;
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            tmp = posix
                    ? Files.createTempFile(dir, ".credentials", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".credentials", ".tmp");
            try (var out = Files.newOutputStream(tmp); JsonGenerator g = JSON.createGenerator(out)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField(KEY_URL, credentials.url());
                g.writeStringField(KEY_TOKEN, credentials.token());
                if (credentials.cacheDir() != null) {
                    g.writeStringField(KEY_CACHE_DIR, credentials.cacheDir().toString());
                }
                g.writeEndObject();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write the credentials file " + file + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a left-over temporary file is owner-only
                }
            }
        }
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
