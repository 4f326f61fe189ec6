package io.livecalc.cli;

import io.livecalc.am.AssumptionsManagerAuth;
import io.livecalc.am.server.ReferenceServer;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.LivecalcHome;
import io.livecalc.orchestrator.credentials.CredentialManager;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code livecalc am serve}, {@code livecalc login} and {@code livecalc logout}. */
final class AmCommands {

    private AmCommands() {
    }

    /** The credentials manager of the CLI: environment and {@code $LIVECALC_HOME/credentials.json}, refreshing over HTTP. */
    static CredentialManager credentialManager(AssumptionsManagerAuth auth) {
        return CredentialManager.builder().home(Path.of(System.getProperty("user.home"))).refresher(auth::refresh).build();
    }

    @Command(name = "am", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Assumptions Manager tools.", subcommands = Serve.class)
    static final class Am implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Runs the reference Assumptions Manager over a folder of tables until stopped (Ctrl-C).",
                "Layout: DIR/<table>/<version>/<table file>.csv|.json, optional DIR/<table>/<version>/version.json "
                        + "{\"status\": \"draft\"}. CSV headers age,male,female (mortality), year,rate (lapse), name,value "
                        + "(expenses), maturity_years,zero_rate (yield curve). Users file: {\"user\": \"password\" or "
                        + "{\"password\", \"tables\": [\"prefix-*\"]}}; without one, user 'livecalc' gets a random password, printed."})
    static final class Serve implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The tables folder.")
        Path dir;

        @Option(names = "--port", defaultValue = "8765", paramLabel = "P", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Option(names = "--users", paramLabel = "FILE", description = "JSON users file.")
        Path users;

        @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
                description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only).")
        String host;

        @Option(names = "--token-ttl", defaultValue = "3600", paramLabel = "SECONDS", description = "Token lifetime (default ${DEFAULT-VALUE}).")
        long tokenTtl;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, ReferenceServer.User> accounts;
            if (users != null) {
                accounts = ReferenceServer.readUsers(users);
            } else {
                byte[] random = new byte[12];
                new SecureRandom().nextBytes(random);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                accounts = Map.of("livecalc", new ReferenceServer.User(password, null));
                out.println("user livecalc, password " + password + " (pass --users FILE to choose users)");
            }
            if (tokenTtl <= 0) {
                throw new ConfigurationException("--token-ttl must be > 0 seconds, got " + tokenTtl);
            }
            try (ReferenceServer server = ReferenceServer.builder(dir).port(port).address(InetAddress.getByName(host))
                    .users(accounts).tokenTtl(Duration.ofSeconds(tokenTtl)).start()) {
                out.println("Assumptions Manager serving " + server.dir() + " at " + server.url());
                out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Thread hook = new Thread(stop::countDown, "am-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException ignored) {
                        // already shutting down
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "login", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = {"Logs in to an Assumptions Manager: prompts for user and password (not echoed), obtains a token and "
                    + "stores url, token and cache_dir in credentials.json in $LIVECALC_HOME (default ~/.livecalc; readable by you only).",
                "Without a terminal, reads the user and the password as two lines of standard input."})
    static final class Login implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--url", paramLabel = "URL", description = "The service, e.g. https://am.example.com (default: the current credentials' URL).")
        String url;

        @Option(names = "--user", paramLabel = "NAME", description = "User name (prompted for when not given).")
        String user;

        @Option(names = "--cache-dir", paramLabel = "DIR", description = "Table cache folder (default: the current one, else $LIVECALC_HOME/cache, i.e. ~/.livecalc/cache).")
        Path cacheDir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (AssumptionsManagerAuth auth = new AssumptionsManagerAuth()) {
                CredentialManager manager = credentialManager(auth);
                AMCredentials current = manager.credentials().orElse(null);
                String target = url != null ? url : current != null ? current.url() : null;
                if (target == null) {
                    throw new ConfigurationException("no Assumptions Manager URL: pass --url (e.g. --url http://127.0.0.1:8765)");
                }
                Console console = System.console();
                BufferedReader stdin = console == null ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)) : null;
                String name = user != null ? user : prompt(console, stdin, "User: ");
                char[] password = console != null ? console.readPassword("Password for %s at %s: ", name, target) : line(stdin, "password");
                if (name == null || name.isBlank() || password == null) {
                    throw new ConfigurationException("login needs a user name and a password");
                }
                String token;
                try {
                    token = auth.login(target, name.trim(), password);
                } finally {
                    java.util.Arrays.fill(password, '\0');
                }
                Path cache = cacheDir != null ? cacheDir.toAbsolutePath()
                        : current != null && current.cacheDir() != null ? current.cacheDir()
                        : LivecalcHome.dir().resolve("cache");
                AMCredentials creds = new AMCredentials(target.trim(), token, cache);
                Path file = manager.saveToConfigFile(creds);
                out.println("Logged in to " + creds.url() + " as " + name.trim() + " (token " + creds.maskedToken()
                        + manager.tokenInfo().flatMap(t -> t.expiresAt()).map(e -> ", expires " + e).orElse("") + ")");
                out.println("Credentials saved to " + file + "; table cache " + cache);
                out.flush();
                return 0;
            }
        }

        private static String prompt(Console console, BufferedReader stdin, String text) {
            if (console != null) {
                return console.readLine("%s", text);
            }
            char[] l = line(stdin, "user name");
            return l == null ? null : new String(l);
        }

        private static char[] line(BufferedReader stdin, String what) {
            try {
                String l = stdin.readLine();
                if (l == null) {
                    throw new ConfigurationException("no " + what + " on standard input");
                }
                return l.toCharArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Forgets the stored Assumptions Manager credentials (deletes credentials.json in $LIVECALC_HOME, default ~/.livecalc).")
    static final class Logout implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            CredentialManager manager = CredentialManager.builder().home(Path.of(System.getProperty("user.home"))).build();
            Path file = manager.configFile();
            boolean deleted = manager.deleteConfigFile();
            spec.commandLine().getOut().println(deleted ? "Logged out: deleted " + file : "Not logged in: no " + file);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
