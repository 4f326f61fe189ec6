package io.livecalc.am;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.am.AssumptionsManagerException.Reason;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.AMCredentialsProvider;
import io.livecalc.api.InitializationException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads versioned assumption tables from an Assumptions Manager (AM) service over HTTP
 * ({@code java.net.http}), with a disk cache.
 *
 * <pre>{@code
 * try (AssumptionsManagerClient am = AssumptionsManagerClient.builder(creds.url(), AMCredentialsProvider.of(creds))
 *         .cacheDir(creds.cacheDir()).build()) {
 *     AssumptionTable t = am.resolve(AssumptionReference.parse("assumptions://mortality-standard:v2.1"));
 *     double[] qx = t.values(); // 242 numbers: male ages 0..120, then female
 * }
 * }</pre>
 *
 * <h2>Protocol</h2>
 * {@code GET /api/v1/tables/{name}/versions} ({@code {"versions": [...]}}, oldest first, each a string or
 * {@code {"version", "status"}}), {@code GET .../versions/{version}/schema} and {@code .../data}
 * ({@code {"data": [numbers or rows of numbers]}}, flattened row-major), with
 * {@code Authorization: Bearer <jwt>}.
 *
 * <h2>Versions and the cache</h2>
 * A concrete version is immutable: it is served from the cache when there, else fetched and cached (with
 * a checksum; LRU eviction above the size limit, default 500 MB; safe for several processes). The moving
 * aliases {@code latest} (newest published) and {@code draft} (newest draft) are resolved by the service
 * on every call and never answered from the cache; the concrete version they name may then be a cache hit.
 *
 * <h2>Failures</h2>
 * Timeouts on connect and on each request. Connection failures and 408, 429 and 5xx answers are retried
 * with exponential backoff and jitter ({@code Retry-After} honoured); 401 is answered once by refreshing
 * the token through the {@link AMCredentialsProvider} and repeating the request; 401 (again), 403 and 404
 * fail at once, each with its own message naming the table and version ({@link AssumptionsManagerException}).
 * The token is refreshed before a request when it is about to expire (the provider's job).
 *
 * <h2>Offline mode</h2>
 * When the service cannot be reached (after the retries), or {@code LIVECALC_AM_OFFLINE=1}, the client
 * stops calling it, says so once in an {@code am_offline} warning, and serves concrete versions from the
 * cache; a moving alias or an uncached version then fails with a message listing the cached versions.
 *
 * <h2>Logging</h2>
 * Every resolution logs {@code assumption_resolved} (INFO, logger {@code io.livecalc.events}) with
 * {@code assumption_name}, {@code requested_version}, {@code resolved_version}, {@code rows_loaded},
 * {@code cache_hit} and {@code offline}. Neither log lines nor exception messages ever contain the token;
 * where one must be named it is masked ({@link AMCredentials#mask}).
 *
 * <p>Not thread-safe for concurrent {@code resolve} calls on one instance; use one client per engine.
 */
public final class AssumptionsManagerClient implements AutoCloseable {

    /** Set to {@code 1} or {@code true} to never call the service (cached concrete versions only). */
    public static final String ENV_OFFLINE = "LIVECALC_AM_OFFLINE";
    /** The cache size limit in MB (default 500). */
    public static final String ENV_CACHE_LIMIT_MB = "LIVECALC_AM_CACHE_LIMIT_MB";

    private static final Logger EVENTS = LoggerFactory.getLogger("io.livecalc.events");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(10);

    private final String url;
    private final AMCredentialsProvider credentials;
    private final TableCache cache;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final String engineId;
    private final AtomicBoolean offline = new AtomicBoolean();

    private AssumptionsManagerClient(Builder b) {
        this.url = b.url.trim().replaceAll("/+$", "");
        this.credentials = b.credentials;
        this.cache = b.cacheDir == null ? null : new TableCache(b.cacheDir, url, b.cacheLimitBytes);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.requestTimeout = b.requestTimeout;
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.engineId = b.engineId;
        if (b.offline) {
            goOffline("offline mode requested (" + ENV_OFFLINE + ")");
        }
    }

    /**
     * @param url         the service's base URL, e.g. {@code https://am.example.com}
     * @param credentials where tokens come from (asked only when the service must be called)
     */
    public static Builder builder(String url, AMCredentialsProvider credentials) {
        return new Builder(url, credentials);
    }

    /** The service's base URL, without a trailing slash. */
    public String url() {
        return url;
    }

    /** Whether the client has stopped calling the service (it was unreachable, or offline mode was asked for). */
    public boolean isOffline() {
        return offline.get();
    }

    /** The cache folder of this service's entries, or empty without a disk cache. */
    public Optional<Path> cacheFolder() {
        return cache == null ? Optional.empty() : Optional.of(cache.file("x", "x").getParent().getParent());
    }

    /** {@link #resolve(AssumptionReference)} of {@code assumptions://name:version}. */
    public AssumptionTable resolve(String reference) {
        return resolve(AssumptionReference.parse(reference));
    }

    /**
     * The numbers of a table version: a moving alias is resolved by the service first; a concrete version
     * comes from the cache when there, else from the service (then cached). Logs {@code assumption_resolved}.
     *
     * @throws AssumptionsManagerException the table cannot be delivered (message names table and version)
     * @throws io.livecalc.api.ConfigurationException no credentials when the service must be called
     */
    public AssumptionTable resolve(AssumptionReference ref) {
        String version = ref.version();
        if (ref.isAlias()) {
            if (offline.get()) {
                throw offlineFailure(ref, "'" + ref.version() + "' is a moving alias, resolved by the service on every run and"
                        + " never served from the cache");
            }
            try {
                version = resolveAlias(ref);
            } catch (AssumptionsManagerException e) {
                throw e.reason() == Reason.UNREACHABLE ? offlineFailure(ref, "'" + ref.version()
                        + "' is a moving alias, resolved by the service on every run and never served from the cache") : e;
            }
        }
        if (cache != null) {
            Optional<TableCache.Entry> hit = cache.read(ref.name(), version);
            if (hit.isPresent()) {
                return resolved(new AssumptionTable(ref, version, hit.get().schema(), hit.get().values(), true, offline.get()));
            }
        }
        if (offline.get()) {
            throw offlineFailure(ref.at(version), "version '" + version + "' is not in the cache");
        }
        TableSchema schema;
        double[] values;
        try {
            schema = schema(ref.name(), version);
            values = data(ref.at(version), schema);
            schema = completeSchema(schema, values.length);
        } catch (AssumptionsManagerException e) {
            throw e.reason() == Reason.UNREACHABLE ? offlineFailure(ref.at(version), "version '" + version
                    + "' is not in the cache") : e;
        }
        if (cache != null) {
            cache.write(schema, values);
        }
        return resolved(new AssumptionTable(ref, version, schema, values, false, false));
    }

    /** The versions of a table, oldest first, as the service lists them. */
    public List<String> versions(String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : versionList(name)) {
            out.add(v.isObject() ? v.path("version").asText() : v.asText());
        }
        return out;
    }

    /** The schema of a concrete version (from the service). */
    public TableSchema schema(String name, String version) {
        AssumptionReference ref = new AssumptionReference(name, version);
        JsonNode s = json(get(tablePath(name) + "/versions/" + version + "/schema", ref), ref, "schema");
        List<String> index = new ArrayList<>();
        s.path("index_columns").forEach(n -> index.add(n.asText()));
        List<String> columns = new ArrayList<>();
        s.path("columns").forEach(n -> columns.add(n.asText()));
        String served = s.path("version").asText(version);
        return new TableSchema(name, served.isEmpty() || AssumptionReference.isAlias(served) ? version : served,
                s.path("table_type").asText(""), s.path("row_count").asInt(0), s.path("col_count").asInt(0), index, columns);
    }

    private double[] data(AssumptionReference ref, TableSchema schema) {
        JsonNode root = json(get(tablePath(ref.name()) + "/versions/" + ref.version() + "/data", ref), ref, "data");
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw badTable(ref, "its data answer has no \"data\" array");
        }
        List<Double> flat = new ArrayList<>();
        flatten(data, flat, ref);
        double[] values = flat.stream().mapToDouble(Double::doubleValue).toArray();
        if (schema.rowCount() > 0 && schema.colCount() > 0 && schema.values() != values.length) {
            throw badTable(ref, "it sent " + values.length + " values but its schema says " + schema.rowCount() + " rows x "
                    + schema.colCount() + " columns = " + schema.values());
        }
        return values;
    }

    /** A schema without counts describes the data as one column. */
    private static TableSchema completeSchema(TableSchema s, int values) {
        return s.rowCount() > 0 && s.colCount() > 0 ? s
                : new TableSchema(s.name(), s.version(), s.tableType(), values, 1, s.indexColumns(), s.columns());
    }

    private void flatten(JsonNode node, List<Double> out, AssumptionReference ref) {
        for (JsonNode n : node) {
            if (n.isArray()) {
                flatten(n, out, ref);
            } else if (n.isNumber()) {
                out.add(n.asDouble());
            } else {
                throw badTable(ref, "value " + (out.size() + 1) + " of its data is " + n + ", not a number");
            }
        }
    }

    private String resolveAlias(AssumptionReference ref) {
        String alias = ref.version();
        JsonNode root = json(get(tablePath(ref.name()) + "/versions", ref), ref, "versions");
        JsonNode named = root.get(alias);
        if (named != null && named.isTextual() && !named.asText().isBlank()) {
            return checkedVersion(ref, named.asText());
        }
        String found = null;
        for (JsonNode v : root.path("versions")) {
            String status = v.isObject() ? v.path("status").asText("published").toLowerCase(Locale.ROOT) : "published";
            boolean draft = status.equals("draft");
            if (draft == alias.equals(AssumptionReference.DRAFT)) {
                found = v.isObject() ? v.path("version").asText() : v.asText();
            }
        }
        if (found == null) {
            throw new AssumptionsManagerException(Reason.NOT_FOUND, 200, "Table '" + ref.name() + "' has no "
                    + (alias.equals(AssumptionReference.DRAFT) ? "draft" : "published") + " version at the Assumptions Manager "
                    + url + ", so '" + alias + "' names nothing (versions: " + versions(root) + ")");
        }
        return checkedVersion(ref, found);
    }

    private String checkedVersion(AssumptionReference ref, String version) {
        try {
            return ref.at(version).version();
        } catch (IllegalArgumentException e) {
            throw badTable(ref, "its alias resolves to an unusable version: " + e.getMessage());
        }
    }

    private List<JsonNode> versionList(String name) {
        AssumptionReference ref = new AssumptionReference(name, AssumptionReference.LATEST);
        List<JsonNode> out = new ArrayList<>();
        json(get(tablePath(name) + "/versions", ref), ref, "versions").path("versions").forEach(out::add);
        return out;
    }

    private static List<String> versions(JsonNode root) {
        List<String> out = new ArrayList<>();
        root.path("versions").forEach(v -> out.add(v.isObject() ? v.path("version").asText() : v.asText()));
        return out;
    }

    private AssumptionTable resolved(AssumptionTable t) {
        if (EVENTS.isDebugEnabled()) {
            var e = EVENTS.atDebug().addKeyValue("event", "assumption_resolved");
            if (engineId != null) {
                e = e.addKeyValue("engine_id", engineId);
            }
            e.addKeyValue("assumption_name", t.name())
                    .addKeyValue("requested_version", t.requested().version())
                    .addKeyValue("resolved_version", t.version())
                    .addKeyValue("rows_loaded", t.rows())
                    .addKeyValue("cache_hit", t.cacheHit())
                    .addKeyValue("offline", t.offline())
                    .log((engineId != null ? "engine '" + engineId + "': " : "") + "assumption " + t.name() + " " + t.version()
                            + (t.requested().isAlias() ? " (" + t.requested().version() + ")" : "") + " (" + t.rows() + " rows, cache "
                            + (t.cacheHit() ? "hit" : "miss") + (t.offline() ? ", offline" : "") + ")");
        }
        return t;
    }

    // ---- HTTP -----------------------------------------------------------------------------------

    private static String tablePath(String name) {
        return "/api/v1/tables/" + name;
    }

    /** GET with retries, token refresh on 401, and a message per refusal. */
    private String get(String path, AssumptionReference ref) {
        if (offline.get()) {
            throw new AssumptionsManagerException(Reason.UNREACHABLE, 0, "offline");
        }
        String what = ref.isAlias() && path.endsWith("/versions") ? "the versions of table '" + ref.name() + "'"
                : "table '" + ref.name() + "' version '" + ref.version() + "'";
        AMCredentials creds = credentials.require(what + " from the Assumptions Manager at " + url);
        URI uri = URI.create(url + path);
        boolean refreshed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + creds.token()).GET().build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt >= maxAttempts) {
                    goOffline(url + " unreachable after " + attempt + " attempts: " + describe(e, creds));
                    throw new AssumptionsManagerException(Reason.UNREACHABLE, 0, "Cannot reach the Assumptions Manager at " + url
                            + " for " + what + " after " + attempt + " attempts: " + describe(e, creds), e);
                }
                retry(attempt, 0, describe(e, creds), null, what);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InitializationException("Interrupted while reading " + what + " from the Assumptions Manager at " + url, e);
            }
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            String detail = detail(response.body(), creds);
            switch (status) {
                case 401 -> {
                    if (!refreshed) {
                        refreshed = true;
                        try {
                            creds = credentials.refresh(creds);
                        } catch (io.livecalc.api.ConfigurationException | InitializationException e) {
                            throw new AssumptionsManagerException(Reason.UNAUTHORIZED, status, "The Assumptions Manager at " + url
                                    + " rejected the token " + creds.maskedToken() + " (401 Unauthorized) for " + what + detail
                                    + ", and it could not be refreshed (" + redact(e.getMessage(), creds)
                                    + "). Run `livecalc login` or provide a fresh token.", e);
                        }
                        attempt--;
                        continue;
                    }
                    throw new AssumptionsManagerException(Reason.UNAUTHORIZED, status, "The Assumptions Manager at " + url
                            + " rejected the token " + creds.maskedToken() + " (401 Unauthorized) for " + what
                            + ", also after refreshing it" + detail + ". Run `livecalc login` or provide a fresh token.");
                }
                case 403 -> throw new AssumptionsManagerException(Reason.FORBIDDEN, status, "The Assumptions Manager at " + url
                        + " does not allow this user to read " + what + " (403 Forbidden)" + detail
                        + ". Ask its administrator for read access.");
                case 404 -> throw new AssumptionsManagerException(Reason.NOT_FOUND, status, notFound(ref, what, path) + detail);
                default -> {
                    boolean transientStatus = status == 408 || status == 429 || status >= 500;
                    if (!transientStatus || attempt >= maxAttempts) {
                        throw new AssumptionsManagerException(Reason.SERVICE_ERROR, status, "The Assumptions Manager at " + url
                                + " answered " + status + " for " + what + (transientStatus ? " after " + attempt + " attempts" : "")
                                + detail);
                    }
                    retry(attempt, status, "HTTP " + status + detail, response.headers().firstValue("Retry-After").orElse(null), what);
                }
            }
        }
    }

    private String notFound(AssumptionReference ref, String what, String path) {
        if (path.endsWith("/versions")) {
            return "Table '" + ref.name() + "' does not exist at the Assumptions Manager " + url + " (404 Not Found)";
        }
        String known = "";
        try {
            known = " (its versions: " + versions(ref.name()) + ")";
        } catch (RuntimeException e) {
            known = " (the table itself may not exist)";
        }
        return "Table '" + ref.name() + "' version '" + ref.version() + "' does not exist at the Assumptions Manager " + url
                + " (404 Not Found)" + known;
    }

    private void retry(int attempt, int status, String problem, String retryAfter, String what) {
        long base = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 20));
        long wait = (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        if (retryAfter != null) {
            try {
                wait = Math.max(wait, Math.min(MAX_RETRY_AFTER.toMillis(), Long.parseLong(retryAfter.trim()) * 1000));
            } catch (NumberFormatException ignored) {
                // an HTTP date: keep the computed backoff
            }
        }
        EVENTS.atWarn().addKeyValue("event", "am_retry").addKeyValue("url", url).addKeyValue("attempt", attempt)
                .addKeyValue("status", status).addKeyValue("wait_ms", wait)
                .log("Assumptions Manager request for {} failed ({}); attempt {} of {}, retrying in {} ms", what, problem, attempt,
                        maxAttempts, wait);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InitializationException("Interrupted while waiting to retry " + what + " at the Assumptions Manager " + url, e);
        }
    }

    private void goOffline(String why) {
        if (offline.compareAndSet(false, true)) {
            EVENTS.atWarn().addKeyValue("event", "am_offline").addKeyValue("url", url)
                    .addKeyValue("cache_dir", cache == null ? "none" : cache.root().getParent().toString())
                    .log("Assumptions Manager offline ({}): serving cached concrete table versions only", why);
        }
    }

    private AssumptionsManagerException offlineFailure(AssumptionReference ref, String why) {
        List<String> cached = cache == null ? List.of() : cache.versions(ref.name());
        return new AssumptionsManagerException(Reason.UNREACHABLE, 0, "Cannot resolve " + ref + ": the Assumptions Manager at "
                + url + " is unreachable (offline mode) and " + why + "; "
                + (cache == null ? "there is no cache_dir" : cached.isEmpty() ? "nothing of table '" + ref.name() + "' is cached"
                        : "cached versions of '" + ref.name() + "': " + cached + " (pin one, e.g. " + ref.at(cached.getLast()) + ")"));
    }

    private AssumptionsManagerException badTable(AssumptionReference ref, String problem) {
        return new AssumptionsManagerException(Reason.BAD_TABLE, 200, "Table '" + ref.name() + "' version '" + ref.version()
                + "' from the Assumptions Manager " + url + " is unusable: " + problem);
    }

    private JsonNode json(String body, AssumptionReference ref, String what) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw badTable(ref, "its " + what + " answer is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw badTable(ref, "its " + what + " answer is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** An error answer's message, shortened, token masked. */
    private static String detail(String body, AMCredentials creds) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.hasNonNull("error")) {
                text = n.get("error").asText();
            }
        } catch (IOException ignored) {
            // not JSON: show the text
        }
        text = redact(text.strip(), creds);
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    private static String describe(Exception e, AMCredentials creds) {
        String m = e.getMessage();
        return redact(e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")"), creds);
    }

    private static String redact(String text, AMCredentials creds) {
        String token = creds.token();
        return token == null || token.length() < 4 ? text : text.replace(token, creds.maskedToken());
    }

    @Override
    public void close() {
        http.close();
    }

    /** Settings of a client; all optional except the URL and the credentials. */
    public static final class Builder {
        private final String url;
        private final AMCredentialsProvider credentials;
        private Path cacheDir;
        private long cacheLimitBytes = TableCache.DEFAULT_LIMIT_BYTES;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(4);
        private String engineId;
        private boolean offline;

        private Builder(String url, AMCredentialsProvider credentials) {
            this.url = Objects.requireNonNull(url, "url");
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http") || uri.getHost() == null) {
                throw new io.livecalc.api.ConfigurationException("Assumptions Manager URL '" + url
                        + "' is not an absolute http:// or https:// URL with a host");
            }
        }

        /** Applies {@value #ENV_OFFLINE} and {@value #ENV_CACHE_LIMIT_MB} from this environment. */
        public Builder environment(java.util.Map<String, String> env) {
            String off = env.get(ENV_OFFLINE);
            offline = off != null && (off.equals("1") || off.equalsIgnoreCase("true"));
            String mb = env.get(ENV_CACHE_LIMIT_MB);
            if (mb != null && !mb.isBlank()) {
                try {
                    cacheLimit(Long.parseLong(mb.trim()) * 1024 * 1024);
                } catch (IllegalArgumentException e) {
                    throw new io.livecalc.api.ConfigurationException(ENV_CACHE_LIMIT_MB + " = '" + mb + "' is not a positive number of MB");
                }
            }
            return this;
        }

        /** The disk cache folder ({@code cache_dir}); {@code null} (the default) for no disk cache. */
        public Builder cacheDir(Path dir) {
            this.cacheDir = dir;
            return this;
        }

        /** Evict least recently used entries while the cache folder holds more than this; default 500 MB. */
        public Builder cacheLimit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("cache limit must be > 0 bytes, got " + bytes);
            }
            this.cacheLimitBytes = bytes;
            return this;
        }

        /** Default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Per request, default 30 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /**
         * Attempts per request including the first (default 4) and the backoff before the second (default
         * 250 ms, doubled each time up to {@code max}, default 4 s, with +-20% jitter).
         */
        public Builder retries(int maxAttempts, Duration initialBackoff, Duration max) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** The engine id the {@code assumption_resolved} events carry. */
        public Builder engineId(String id) {
            this.engineId = id;
            return this;
        }

        /** Never call the service: serve cached concrete versions only. */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        public AssumptionsManagerClient build() {
            return new AssumptionsManagerClient(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, not " + d);
            }
            return d;
        }
    }
}
