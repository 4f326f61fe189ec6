package io.livecalc.orchestrator.credentials;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.AMCredentialsProvider;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.InitializationException;
import io.livecalc.orchestrator.credentials.internal.CredentialConnectivity;
import io.livecalc.orchestrator.credentials.internal.CredentialRedaction;
import io.livecalc.orchestrator.credentials.internal.CredentialSources;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The Assumptions Manager (AM) credentials of a process, from the first of these sources that has any:
 * <ol>
 *   <li>explicit credentials ({@link Builder#explicit}, e.g. a DAG's {@code am_credentials});</li>
 *   <li>the environment: {@code LIVECALC_AM_URL} and {@code LIVECALC_AM_TOKEN} (both, or it is an error),
 *       {@code LIVECALC_AM_CACHE_DIR} optional;</li>
 *   <li>the file {@code credentials.json} in the LiveCalc home folder ({@code $LIVECALC_HOME}, else
 *       {@code ~/.livecalc}) with keys {@code am_url}, {@code am_token}, {@code cache_dir};</li>
 *   <li>none.</li>
 * </ol>
 * Sources are read lazily, on the first call that needs them, and a broken source (half the variables,
 * malformed file) never throws from the queries: {@link #credentials()} is then empty and
 * {@link #problem()} says why. Only {@link #require(String)} throws, so a run that needs no AM never
 * demands credentials.
 *
 * <p>Token lifecycle: the JWT's {@code exp} is read from its payload ({@link TokenInfo}); within the
 * refresh threshold (5 minutes by default) {@link #refreshIfNeeded()} calls the {@link TokenRefresher},
 * one refresh at a time however many threads ask.
 *
 * <p>The token is never logged or put in an exception message; {@link #toString()} and the log events show
 * it masked ({@link AMCredentials#mask}). Thread-safe.
 */
public final class CredentialManager implements AMCredentialsProvider {

    /** Environment variable holding the AM base URL. */
    public static final String ENV_URL = CredentialSources.ENV_URL;
    /** Environment variable holding the AM bearer token. */
    public static final String ENV_TOKEN = CredentialSources.ENV_TOKEN;
    /** Environment variable holding the table cache folder (optional). */
    public static final String ENV_CACHE_DIR = CredentialSources.ENV_CACHE_DIR;

    private static final Logger LOG = LoggerFactory.getLogger(CredentialManager.class);

    /** What the manager holds; replaced as a whole so that readers never see half an update. */
    private record State(CredentialSource source, AMCredentials credentials, TokenInfo token, String problem) {
        static final State NONE = new State(CredentialSource.NONE, null, null, null);

        static State of(CredentialSource source, AMCredentials credentials) {
            return new State(source, credentials,
                    credentials.token() == null ? null : TokenInfo.of(credentials.token()), null);
        }
    }

    private final AMCredentials explicit;
    private final Map<String, String> environment;
    private final Path home;
    private final Clock clock;
    private final TokenRefresher refresher;
    private final Duration refreshThreshold;
    private final Duration connectTimeout;

    private final AtomicReference<State> state = new AtomicReference<>();
    private final Object resolveLock = new Object();
    private final ReentrantLock refreshLock = new ReentrantLock();

    private CredentialManager(Builder b) {
        this.explicit = b.explicit;
        this.environment = b.environment != null ? Map.copyOf(b.environment) : System.getenv();
        this.home = b.home != null ? b.home : Path.of(System.getProperty("user.home"));
        this.clock = b.clock;
        this.refresher = b.refresher;
        this.refreshThreshold = b.refreshThreshold;
        this.connectTimeout = b.connectTimeout;
    }

    /** A manager over the real environment and home folder, without a refresher. */
    public static CredentialManager fromEnvironment() {
        return builder().build();
    }

    /** A builder; every setting is optional. */
    public static Builder builder() {
        return new Builder();
    }

    // ----------------------------------------------------------------------------------------- queries

    /** Where the credentials come from; {@link CredentialSource#NONE} when there are none. */
    public CredentialSource source() {
        return state().source();
    }

    /** True when usable credentials were found (they may still be expired: see {@link #validate()}). */
    public boolean hasCredentials() {
        return state().credentials() != null;
    }

    /**
     * The current credentials; empty when there are none or when the highest-priority source that has any
     * is broken (then {@link #problem()} says why). Never throws.
     */
    public Optional<AMCredentials> credentials() {
        return Optional.ofNullable(state().credentials());
    }

    /** What {@link TokenInfo} reads from the current token; empty without credentials. */
    public Optional<TokenInfo> tokenInfo() {
        return Optional.ofNullable(state().token());
    }

    /**
     * Why the source that has credentials could not be used (e.g. {@code LIVECALC_AM_URL is set but
     * LIVECALC_AM_TOKEN is not}, or a malformed file with its line and column); empty otherwise.
     */
    public Optional<String> problem() {
        return Optional.ofNullable(state().problem());
    }

    /**
     * The credentials file this manager reads: {@code credentials.json} in the LiveCalc home folder,
     * {@code LIVECALC_HOME} (from this manager's environment) else {@code <home>/.livecalc}.
     */
    public Path configFile() {
        return CredentialSources.configFile(environment, home);
    }

    /** The time before expiry at which {@link #refreshIfNeeded()} refreshes. */
    public Duration refreshThreshold() {
        return refreshThreshold;
    }

    /**
     * The credentials, for something that really needs the Assumptions Manager: refreshes the token first
     * when a refresher is set and expiry is near.
     *
     * @param why what needs them, for the message, e.g. {@code "engine 'projection' (mortality_table =
     *            assumptions://mortality-standard:v2.1)"}
     * @throws ConfigurationException when there are no credentials (saying how to provide them), the source
     *                                is broken, or the credentials fail {@link #validate()} (e.g. expired)
     * @throws InitializationException when the refresher fails
     */
    @Override
    public AMCredentials require(String why) {
        State s = state();
        if (s.credentials() == null) {
            throw new ConfigurationException(why + " needs Assumptions Manager credentials, but "
                    + (s.problem() != null ? s.problem() : "none were found. " + howToProvide()));
        }
        refreshIfNeeded();
        s = state();
        List<String> problems = formatProblems(s);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(why + " needs Assumptions Manager credentials, but the "
                    + describe(s.source()) + " have problems: " + String.join("; ", problems));
        }
        return s.credentials();
    }

    // ------------------------------------------------------------------------------------------ refresh

    /**
     * Refreshes the token when a refresher is set and the token's {@code exp} is within the refresh
     * threshold (or past). Concurrent callers wait for the one refresh and then see its result.
     *
     * @return true when this call refreshed the token
     * @throws InitializationException when the refresher fails or returns unusable credentials; the
     *                                 message names the URL and shows the token masked
     */
    public boolean refreshIfNeeded() {
        if (refresher == null || !needsRefresh(state())) {
            return false;
        }
        refreshLock.lock();
        try {
            State s = state();
            if (!needsRefresh(s)) {
                return false; // another thread refreshed while this one waited
            }
            refreshFrom(s);
            return true;
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * Refreshes after the service rejected {@code rejected} (HTTP 401), unless another thread has already
     * replaced that token, and returns the current credentials.
     *
     * @throws ConfigurationException  when no refresher is set or there are no credentials
     * @throws InitializationException when the refresher fails
     */
    @Override
    public AMCredentials refresh(AMCredentials rejected) {
        Objects.requireNonNull(rejected, "rejected");
        if (refresher == null) {
            throw new ConfigurationException("The Assumptions Manager at " + rejected.url() + " rejected the token "
                    + rejected.maskedToken() + " and no TokenRefresher is set. " + howToProvide());
        }
        refreshLock.lock();
        try {
            State s = state();
            if (s.credentials() == null) {
                throw new ConfigurationException("Cannot refresh: there are no Assumptions Manager credentials"
                        + " (they were cleared).");
            }
            if (!Objects.equals(s.credentials().token(), rejected.token())) {
                return s.credentials();
            }
            return refreshFrom(s).credentials();
        } finally {
            refreshLock.unlock();
        }
    }

    private boolean needsRefresh(State s) {
        return s.credentials() != null && s.token() != null && s.token().needsRefresh(clock, refreshThreshold);
    }

    /** Calls the refresher; only under {@link #refreshLock}. */
    private State refreshFrom(State s) {
        AMCredentials current = s.credentials();
        String secret = current.token();
        String what = "Refreshing the Assumptions Manager token " + current.maskedToken() + " for " + current.url()
                + expiryPhrase(s.token());
        AMCredentials fresh;
        try {
            fresh = refresher.refresh(current);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InitializationException(what + " was interrupted.", CredentialRedaction.scrub(e, secret));
        } catch (Exception e) {
            throw new InitializationException(what + " failed: " + CredentialRedaction.describe(e, secret),
                    CredentialRedaction.scrub(e, secret));
        }
        if (fresh == null || fresh.token() == null || fresh.token().isBlank()) {
            throw new InitializationException(what + " failed: the TokenRefresher returned "
                    + (fresh == null ? "null" : "credentials without a token") + ".");
        }
        State next = State.of(s.source(), fresh);
        if (next.token().isExpired(clock)) {
            throw new InitializationException(what + " failed: the TokenRefresher returned the token "
                    + fresh.maskedToken() + expiryPhrase(next.token()) + ".");
        }
        // If clear() or update() ran meanwhile, their state wins.
        if (state.compareAndSet(s, next)) {
            withExpiry(LOG.atInfo(), next.token())
                    .addKeyValue("event", "credentials_refreshed")
                    .addKeyValue("source", s.source().name())
                    .addKeyValue("url", fresh.url())
                    .addKeyValue("previous_token", current.maskedToken())
                    .addKeyValue("token", fresh.maskedToken())
                    .log("Assumptions Manager token refreshed");
        }
        return state();
    }

    /**
     * A manager with the same environment, home, clock, refresher and thresholds whose explicit credentials
     * are {@code credentials} (e.g. a DAG's {@code am_credentials}, which outrank the other sources).
     */
    public CredentialManager withExplicit(AMCredentials credentials) {
        Builder b = builder().explicit(credentials).environment(environment).home(home).clock(clock).refresher(refresher)
                .refreshThreshold(refreshThreshold).connectTimeout(connectTimeout);
        return b.build();
    }

    // ---------------------------------------------------------------------------------- clear / update

    /** Forgets the credentials (e.g. on logout): afterwards the source is NONE and no source is re-read. */
    public void clear() {
        state.set(State.NONE);
        LOG.atInfo().addKeyValue("event", "credentials_cleared").log("Assumptions Manager credentials cleared");
    }

    /**
     * Replaces the credentials (e.g. after a login); the source becomes {@link CredentialSource#EXPLICIT}.
     * They are not checked here: see {@link #validate()}.
     */
    public void update(AMCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials (use clear() to forget them)");
        State next = State.of(CredentialSource.EXPLICIT, credentials);
        state.set(next);
        logResolved(next, "Assumptions Manager credentials updated");
    }

    /**
     * Stores {@code credentials} in {@link #configFile()} (what {@code livecalc login} does): written
     * atomically, readable by the owner only. This manager then uses them with source
     * {@link CredentialSource#CONFIG_FILE}; other processes still give explicit and environment
     * credentials priority.
     *
     * @return the file written
     * @throws ConfigurationException when the file cannot be written
     */
    public Path saveToConfigFile(AMCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        Path file = configFile();
        CredentialSources.write(file, credentials);
        State next = State.of(CredentialSource.CONFIG_FILE, credentials);
        state.set(next);
        logResolved(next, "Assumptions Manager credentials saved to " + file);
        return file;
    }

    /**
     * Deletes {@link #configFile()} if it exists and {@link #clear() clears} this manager (what
     * {@code livecalc logout} does).
     *
     * @return true when a file was deleted
     * @throws ConfigurationException when the file exists but cannot be deleted
     */
    public boolean deleteConfigFile() {
        Path file = configFile();
        boolean deleted;
        try {
            deleted = Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot delete the credentials file " + file + ": " + e, e);
        }
        clear();
        return deleted;
    }

    // ---------------------------------------------------------------------------------------- validate

    /** {@link #validate(boolean)} without the connectivity check. */
    public List<String> validate() {
        return validate(false);
    }

    /**
     * Problems with the current credentials; empty when they look usable. Checks that there are some, that
     * the URL is an absolute http(s) URL with a host, that the token is not blank and has no whitespace,
     * that a token that looks like a JWT decodes, that it has not expired, and that {@code cache_dir} is not
     * a file. With {@code checkConnectivity}, also sends a {@code HEAD} to the URL (without the token) and
     * reports it unreachable, naming the URL and the error, when no HTTP answer comes within the connect
     * timeout; any HTTP status counts as reachable.
     */
    public List<String> validate(boolean checkConnectivity) {
        State s = state();
        if (s.credentials() == null) {
            return List.of(s.problem() != null ? s.problem()
                    : "No Assumptions Manager credentials. " + howToProvide());
        }
        List<String> problems = formatProblems(s);
        if (checkConnectivity) {
            httpUri(s.credentials().url())
                    .flatMap(uri -> CredentialConnectivity.check(uri, connectTimeout))
                    .ifPresent(problems::add);
        }
        return problems;
    }

    private List<String> formatProblems(State s) {
        AMCredentials c = s.credentials();
        List<String> problems = new ArrayList<>();
        String url = c.url();
        if (url == null || url.isBlank()) {
            problems.add("the Assumptions Manager URL is empty");
        } else if (httpUri(url).isEmpty()) {
            problems.add("the Assumptions Manager URL '" + url + "' is not an absolute http:// or https:// URL"
                    + " with a host");
        }
        String token = c.token();
        TokenInfo info = s.token();
        if (token == null || token.isBlank()) {
            problems.add("the token is empty");
        } else if (token.chars().anyMatch(ch -> Character.isWhitespace(ch) || Character.isISOControl(ch))) {
            problems.add("the token " + c.maskedToken() + " contains whitespace or control characters");
        } else if (info.format() == TokenInfo.Format.MALFORMED_JWT) {
            problems.add("the token " + c.maskedToken() + " looks like a JWT but "
                    + info.formatProblem().orElse("does not decode"));
        } else if (info.isExpired(clock)) {
            problems.add("the token " + c.maskedToken() + expiryPhrase(info)
                    + "; run `livecalc login` or provide a fresh token");
        }
        if (c.cacheDir() != null && Files.exists(c.cacheDir()) && !Files.isDirectory(c.cacheDir())) {
            problems.add("cache_dir " + c.cacheDir() + " is not a folder");
        }
        return problems;
    }

    private static Optional<URI> httpUri(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------- resolution

    private State state() {
        State s = state.get();
        if (s != null) {
            return s;
        }
        synchronized (resolveLock) {
            s = state.get();
            if (s == null) {
                s = resolve();
                state.compareAndSet(null, s);
                s = state.get();
            }
            return s;
        }
    }

    private State resolve() {
        if (explicit != null) {
            State s = State.of(CredentialSource.EXPLICIT, explicit);
            logResolved(s, "Assumptions Manager credentials given explicitly");
            return s;
        }
        try {
            Optional<AMCredentials> fromEnv = CredentialSources.fromEnvironment(environment, home);
            if (fromEnv.isPresent()) {
                State s = State.of(CredentialSource.ENVIRONMENT, fromEnv.get());
                logResolved(s, "Assumptions Manager credentials read from the environment");
                return s;
            }
        } catch (ConfigurationException e) {
            return broken(CredentialSource.ENVIRONMENT, e.getMessage());
        }
        Path file = configFile();
        if (Files.exists(file)) {
            CredentialSources.looseningPermissions(file).ifPresent(perms -> LOG.atWarn()
                    .addKeyValue("event", "credentials_file_permissions")
                    .addKeyValue("path", file.toString())
                    .addKeyValue("permissions", perms)
                    .log("The credentials file {} is accessible to group or others ({}); run: chmod 600 {}",
                            file, perms, file));
        }
        try {
            Optional<AMCredentials> fromFile = CredentialSources.fromFile(file, home);
            if (fromFile.isPresent()) {
                State s = State.of(CredentialSource.CONFIG_FILE, fromFile.get());
                logResolved(s, "Assumptions Manager credentials read from " + file);
                return s;
            }
        } catch (ConfigurationException e) {
            return broken(CredentialSource.CONFIG_FILE, e.getMessage());
        }
        LOG.atDebug().addKeyValue("event", "credentials_resolved").addKeyValue("source", "NONE")
                .log("No Assumptions Manager credentials (not needed unless a table is read from the AM)");
        return State.NONE;
    }

    private static State broken(CredentialSource source, String problem) {
        LOG.atWarn()
                .addKeyValue("event", "credentials_problem")
                .addKeyValue("source", source.name())
                .addKeyValue("problem", problem)
                .log("Assumptions Manager credentials unusable (fine unless a table is read from the AM): {}",
                        problem);
        return new State(source, null, null, problem);
    }

    private void logResolved(State s, String message) {
        AMCredentials c = s.credentials();
        LoggingEventBuilder event = withExpiry(LOG.atDebug(), s.token())
                .addKeyValue("event", "credentials_resolved")
                .addKeyValue("source", s.source().name())
                .addKeyValue("url", c.url())
                .addKeyValue("token", c.maskedToken());
        if (c.cacheDir() != null) {
            event = event.addKeyValue("cache_dir", c.cacheDir().toString());
        }
        event.log(message);
    }

    /** Adds {@code expires_in_s} when the token's expiry is known. */
    private LoggingEventBuilder withExpiry(LoggingEventBuilder event, TokenInfo info) {
        OptionalLong in = info == null ? OptionalLong.empty() : info.secondsUntilExpiry(clock);
        return in.isPresent() ? event.addKeyValue("expires_in_s", in.getAsLong()) : event;
    }

    // ---------------------------------------------------------------------------------------- messages

    private String howToProvide() {
        return "Pass them explicitly (a DAG's \"am_credentials\"), set " + ENV_URL + " and " + ENV_TOKEN
                + ", or run `livecalc login` to write " + configFile() + ".";
    }

    private String describe(CredentialSource source) {
        return switch (source) {
            case EXPLICIT -> "explicit credentials";
            case ENVIRONMENT -> "credentials from " + ENV_URL + "/" + ENV_TOKEN;
            case CONFIG_FILE -> "credentials from " + configFile();
            case NONE -> "credentials";
        };
    }

    private String expiryPhrase(TokenInfo info) {
        if (info == null || info.expiresAt().isEmpty()) {
            return "";
        }
        long in = info.secondsUntilExpiry(clock).getAsLong();
        return in < 0
                ? " (expired at " + info.expiresAt().get() + ", " + (-in) + " s ago)"
                : " (expires at " + info.expiresAt().get() + ", in " + in + " s)";
    }

    /**
     * For example {@code CredentialManager{source=ENVIRONMENT, url=https://am.example.com, token=eyJh...ture,
     * cache_dir=/tmp/cache, expires_in=3500s}}; the token is always masked. {@code expires_in} is
     * {@code unknown} for opaque tokens and negative once expired.
     */
    @Override
    public String toString() {
        State s = state();
        StringBuilder out = new StringBuilder("CredentialManager{source=").append(s.source());
        if (s.problem() != null) {
            out.append(", problem=").append(s.problem());
        }
        AMCredentials c = s.credentials();
        if (c != null) {
            out.append(", url=").append(c.url())
                    .append(", token=").append(c.maskedToken())
                    .append(", cache_dir=").append(c.cacheDir() == null ? "none" : c.cacheDir());
            OptionalLong in = s.token() == null ? OptionalLong.empty() : s.token().secondsUntilExpiry(clock);
            out.append(", expires_in=").append(in.isPresent() ? in.getAsLong() + "s" : "unknown");
        }
        return out.append('}').toString();
    }

    /** Settings of a {@link CredentialManager}; all optional. */
    public static final class Builder {
        private AMCredentials explicit;
        private Map<String, String> environment;
        private Path home;
        private Clock clock = Clock.systemUTC();
        private TokenRefresher refresher;
        private Duration refreshThreshold = TokenInfo.DEFAULT_REFRESH_THRESHOLD;
        private Duration connectTimeout = Duration.ofSeconds(3);

        private Builder() {
        }

        /** Credentials that take priority over every other source; null means none. */
        public Builder explicit(AMCredentials credentials) {
            this.explicit = credentials;
            return this;
        }

        /** The environment variables to read instead of {@link System#getenv()} (tests, embedding). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * The user's home folder instead of {@code user.home}: {@code ~} in a {@code cache_dir} and, unless
         * {@code LIVECALC_HOME} is set in the environment, the parent of {@code .livecalc/credentials.json}.
         */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** The clock for expiry decisions; {@link Clock#systemUTC()} by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** What obtains a fresh token; without one, tokens are never refreshed. */
        public Builder refresher(TokenRefresher refresher) {
            this.refresher = refresher;
            return this;
        }

        /** Refresh when the token expires within this; 5 minutes by default. */
        public Builder refreshThreshold(Duration threshold) {
            if (threshold == null || threshold.isNegative()) {
                throw new IllegalArgumentException("refreshThreshold must be zero or positive, not " + threshold);
            }
            this.refreshThreshold = threshold;
            return this;
        }

        /** How long {@link CredentialManager#validate(boolean)} waits for an answer; 3 seconds by default. */
        public Builder connectTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive, not " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        public CredentialManager build() {
            return new CredentialManager(this);
        }
    }
}
