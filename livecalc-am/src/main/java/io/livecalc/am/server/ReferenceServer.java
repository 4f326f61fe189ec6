package io.livecalc.am.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.livecalc.api.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Assumptions Manager-compatible HTTP server over a folder of tables ({@code livecalc am serve}),
 * for local work and for tests on loopback. JDK {@link HttpServer}; tables are read from disk on every
 * request (layout on {@link TableStore}: {@code <dir>/<table>/<version>/<file>.csv|json}).
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code POST /api/v1/auth/login} {@code {username, password}} -> {@code {token, token_type, expires_at}}</li>
 *   <li>{@code POST /api/v1/auth/refresh} (bearer token, also one expired less than the refresh grace ago)
 *       -> a fresh token</li>
 *   <li>{@code GET /api/v1/tables} -> {@code {tables}}</li>
 *   <li>{@code GET /api/v1/tables/{name}/versions} -> {@code {versions: [{version, status}], latest, draft}}</li>
 *   <li>{@code GET /api/v1/tables/{name}/versions/{version}/schema} -> {@code {name, version, table_type,
 *       row_count, col_count, index_columns, columns}}</li>
 *   <li>{@code GET /api/v1/tables/{name}/versions/{version}/data} -> {@code {data: [rows]}}</li>
 * </ul>
 * {@code {version}} may be {@code latest} or {@code draft}. Table endpoints need {@code Authorization:
 * Bearer <jwt>}: HS256, with {@code exp}; missing, invalid or expired tokens get 401, users whose
 * {@code tables} list does not cover the table get 403, unknown tables and versions 404. Errors are
 * {@code {"error": "..."}}. Tokens never appear in the server's log.
 *
 * <h2>Users</h2>
 * A JSON users file: {@code {"alice": "password", "bob": {"password": "sha256:<hex>", "tables": ["mortality-*"]}}};
 * passwords in clear or as {@code sha256:} of the password; {@code tables} (optional) lists the table names
 * (a trailing {@code *} matches a prefix) the user may read.
 */
public final class ReferenceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One user: password (clear or {@code sha256:<hex>}) and the tables allowed ({@code null}: all). */
    public record User(String password, List<String> tables) {
        public User {
            Objects.requireNonNull(password, "password");
            tables = tables == null ? null : List.copyOf(tables);
        }
    }

    private final TableStore store;
    private final Map<String, User> users;
    private final Hs256Jwt jwt;
    private final Duration tokenTtl;
    private final Duration refreshGrace;
    private final Clock clock;
    private final HttpServer server;
    private final HttpContext context;
    private final ExecutorService executor;

    private ReferenceServer(Builder b) throws IOException {
        if (!Files.isDirectory(b.dir)) {
            throw new ConfigurationException("tables folder " + b.dir + " does not exist or is not a folder");
        }
        this.store = new TableStore(b.dir);
        this.users = Map.copyOf(b.users);
        this.jwt = new Hs256Jwt(b.secret);
        this.tokenTtl = b.tokenTtl;
        this.refreshGrace = b.refreshGrace;
        this.clock = b.clock;
        this.server = HttpServer.create(new InetSocketAddress(b.address, b.port), 0);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.server.setExecutor(executor);
        this.context = server.createContext("/api/v1/", this::handle);
        server.start();
        LOG.atInfo().addKeyValue("event", "am_server_started").addKeyValue("url", url().toString())
                .addKeyValue("tables_dir", store.dir().toString()).addKeyValue("users", users.size())
                .log("Assumptions Manager reference server at {} serving {}", url(), store.dir());
    }

    /** A builder over the tables folder {@code dir}. */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** Reads a users file (format in the class comment). */
    public static Map<String, User> readUsers(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigurationException("users file " + file + " must be a JSON object {\"user\": \"password\", ...}");
        }
        Map<String, User> out = new LinkedHashMap<>();
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (v.isTextual()) {
                out.put(e.getKey(), new User(v.asText(), null));
            } else if (v.isObject() && v.path("password").isTextual()) {
                List<String> tables = null;
                if (v.has("tables")) {
                    tables = new java.util.ArrayList<>();
                    for (JsonNode t : v.get("tables")) {
                        tables.add(t.asText());
                    }
                }
                out.put(e.getKey(), new User(v.get("password").asText(), tables));
            } else {
                throw new ConfigurationException("users file " + file + ": user '" + e.getKey()
                        + "' must map to a password string or {\"password\", \"tables\"}");
            }
        }
        return out;
    }

    /** {@code http://host:port}, e.g. {@code http://127.0.0.1:41234}. */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The tables folder. */
    public Path dir() {
        return store.dir();
    }

    /**
     * Adds a filter in front of every endpoint (e.g. to simulate failures or slow answers in tests). Add
     * filters before the first request.
     */
    public ReferenceServer addFilter(Filter filter) {
        context.getFilters().add(filter);
        return this;
    }

    /** Issues a token for {@code user} valid for {@code ttl} (negative: already expired), as login does. */
    public String issueToken(String user, Duration ttl) {
        return jwt.issue(user, clock.instant(), ttl);
    }

    /** Stops the server (in-flight requests get up to a second). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- request handling -----------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String[] seg = path.replaceAll("/+$", "").split("/");
            // seg: "", "api", "v1", ...
            String method = ex.getRequestMethod();
            if (seg.length == 5 && seg[3].equals("auth") && method.equals("POST")) {
                if (seg[4].equals("login")) {
                    login(ex);
                    return;
                }
                if (seg[4].equals("refresh")) {
                    refresh(ex);
                    return;
                }
            }
            if (seg.length >= 4 && seg[3].equals("tables")) {
                if (!method.equals("GET")) {
                    send(ex, 405, error("use GET"));
                    return;
                }
                Optional<String> user = authenticate(ex, Duration.ZERO);
                if (user.isEmpty()) {
                    return;
                }
                tables(ex, seg, user.get());
                return;
            }
            send(ex, 404, error("no endpoint " + method + " " + path));
        } catch (TableStore.BadTable e) {
            send(ex, 500, error(e.getMessage()));
        } catch (RuntimeException | IOException e) {
            LOG.atWarn().addKeyValue("event", "am_server_error").setCause(e).log("request {} failed", ex.getRequestURI().getPath());
            send(ex, 500, error("internal error: " + e.getClass().getSimpleName()));
        }
    }

    private void tables(HttpExchange ex, String[] seg, String user) throws IOException {
        if (seg.length == 4) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("tables");
            store.tables().stream().filter(t -> allowed(user, t)).forEach(list::add);
            send(ex, 200, out);
            return;
        }
        String name = seg[4];
        if (!TableStore.safe(name)) {
            send(ex, 404, error("no table '" + name + "'"));
            return;
        }
        if (!allowed(user, name)) {
            send(ex, 403, error("user '" + user + "' may not read table '" + name + "'"));
            return;
        }
        Optional<List<TableStore.Version>> versions = store.versions(name);
        if (versions.isEmpty()) {
            send(ex, 404, error("no table '" + name + "'"));
            return;
        }
        if (seg.length == 6 && seg[5].equals("versions")) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode list = out.putArray("versions");
            versions.get().forEach(v -> list.addObject().put("version", v.version()).put("status", v.status()));
            store.resolve(name, "latest").ifPresent(v -> out.put("latest", v));
            store.resolve(name, "draft").ifPresent(v -> out.put("draft", v));
            send(ex, 200, out);
            return;
        }
        if (seg.length != 8 || !seg[5].equals("versions") || !(seg[7].equals("schema") || seg[7].equals("data"))) {
            send(ex, 404, error("no endpoint GET " + ex.getRequestURI().getPath()));
            return;
        }
        Optional<String> version = TableStore.safe(seg[6]) ? store.resolve(name, seg[6]) : Optional.empty();
        if (version.isEmpty()) {
            send(ex, 404, error("table '" + name + "' has no version '" + seg[6] + "'"));
            return;
        }
        TableStore.Table t = store.load(name, version.get());
        ObjectNode out = JSON.createObjectNode();
        if (seg[7].equals("schema")) {
            out.put("name", name).put("version", t.version()).put("table_type", t.type()).put("row_count", t.rows().length)
                    .put("col_count", t.colCount());
            t.index().forEach(out.putArray("index_columns")::add);
            t.columns().forEach(out.putArray("columns")::add);
        } else {
            ArrayNode data = out.putArray("data");
            for (double[] row : t.rows()) {
                ArrayNode r = data.addArray();
                for (double v : row) {
                    r.add(v);
                }
            }
        }
        send(ex, 200, out);
    }

    private void login(HttpExchange ex) throws IOException {
        JsonNode body;
        try (InputStream in = ex.getRequestBody()) {
            body = JSON.readTree(in);
        } catch (IOException e) {
            send(ex, 400, error("the body must be JSON {\"username\", \"password\"}"));
            return;
        }
        String username = body == null ? null : body.path("username").asText(null);
        String password = body == null ? null : body.path("password").asText(null);
        if (username == null || password == null) {
            send(ex, 400, error("the body must be JSON {\"username\", \"password\"}"));
            return;
        }
        User u = users.get(username);
        if (u == null || !passwordMatches(u.password(), password)) {
            LOG.atInfo().addKeyValue("event", "am_login_refused").addKeyValue("user", username).log("login refused for {}", username);
            send(ex, 401, error("wrong user name or password"));
            return;
        }
        sendToken(ex, username);
    }

    private void refresh(HttpExchange ex) throws IOException {
        Optional<String> user = authenticate(ex, refreshGrace);
        if (user.isPresent()) {
            if (!users.containsKey(user.get())) {
                send(ex, 401, error("user '" + user.get() + "' no longer exists"));
                return;
            }
            sendToken(ex, user.get());
        }
    }

    private void sendToken(HttpExchange ex, String user) throws IOException {
        Instant now = clock.instant();
        String token = jwt.issue(user, now, tokenTtl);
        send(ex, 200, JSON.createObjectNode().put("token", token).put("token_type", "Bearer")
                .put("expires_at", now.plus(tokenTtl).getEpochSecond()));
    }

    /** The user of a valid bearer token, or empty after answering 401. */
    private Optional<String> authenticate(HttpExchange ex, Duration grace) throws IOException {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(ex, "missing Authorization: Bearer <token>");
            return Optional.empty();
        }
        try {
            return Optional.of(jwt.verify(h.substring(7).trim(), clock.instant(), grace).subject());
        } catch (Hs256Jwt.Invalid e) {
            unauthorized(ex, e.getMessage());
            return Optional.empty();
        }
    }

    private static void unauthorized(HttpExchange ex, String why) throws IOException {
        ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"livecalc-am\"");
        send(ex, 401, error(why));
    }

    private boolean allowed(String user, String table) {
        User u = users.get(user);
        if (u == null || u.tables() == null) {
            return u != null;
        }
        return u.tables().stream().anyMatch(p -> p.endsWith("*") ? table.startsWith(p.substring(0, p.length() - 1)) : p.equals(table));
    }

    private static boolean passwordMatches(String stored, String given) {
        byte[] expected;
        byte[] actual;
        if (stored.startsWith("sha256:")) {
            expected = HexFormat.of().parseHex(stored.substring(7).toLowerCase(java.util.Locale.ROOT));
            try {
                actual = MessageDigest.getInstance("SHA-256").digest(given.getBytes(StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        } else {
            expected = stored.getBytes(StandardCharsets.UTF_8);
            actual = given.getBytes(StandardCharsets.UTF_8);
        }
        return MessageDigest.isEqual(expected, actual);
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Settings of a server; the tables folder is required, the rest optional. */
    public static final class Builder {
        private final Path dir;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private Map<String, User> users = Map.of();
        private byte[] secret;
        private Duration tokenTtl = Duration.ofHours(1);
        private Duration refreshGrace = Duration.ofDays(7);
        private Clock clock = Clock.systemUTC();

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
            this.secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The address to listen on; loopback (127.0.0.1) by default, so nothing outside the machine reaches it. */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder users(Map<String, User> users) {
            this.users = Map.copyOf(users);
            return this;
        }

        /** The HS256 key (at least 32 bytes); random per server by default, so tokens die with the server. */
        public Builder secret(byte[] secret) {
            this.secret = secret.clone();
            return this;
        }

        /** Lifetime of issued tokens; 1 hour by default. */
        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** How long after expiry a token may still be refreshed; 7 days by default. */
        public Builder refreshGrace(Duration grace) {
            this.refreshGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @throws ConfigurationException the folder does not exist
         * @throws IOException            the port cannot be bound
         */
        public ReferenceServer start() throws IOException {
            return new ReferenceServer(this);
        }
    }
}
