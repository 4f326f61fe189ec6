package io.livecalc.orchestrator;

import static io.livecalc.orchestrator.TestTokens.NOW;
import static io.livecalc.orchestrator.TestTokens.jwtExpiringAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.livecalc.api.AMCredentials;
import io.livecalc.orchestrator.credentials.CredentialManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialValidationTest {

    static final String GOOD_TOKEN = jwtExpiringAt(NOW.plus(Duration.ofHours(1)), "sig");

    @TempDir
    Path home;

    private CredentialManager manager(String url, String token, Path cacheDir) {
        return CredentialManager.builder().explicit(new AMCredentials(url, token, cacheDir)).environment(Map.of())
                .home(home).clock(TestTokens.CLOCK).connectTimeout(Duration.ofMillis(700)).build();
    }

    private List<String> problems(String url, String token) {
        return manager(url, token, null).validate();
    }

    @Test
    void wellFormedCredentialsHaveNoProblems() {
        assertEquals(List.of(), problems("https://am.example.com", GOOD_TOKEN));
        assertEquals(List.of(), problems("http://127.0.0.1:8080/am", "opaque-token-1234"));
    }

    @Test
    void theUrlMustBeAbsoluteHttpWithAHost() {
        assertEquals(List.of("the Assumptions Manager URL is empty"), problems(" ", GOOD_TOKEN));
        for (String bad : List.of("am.example.com", "ftp://am.example.com", "https:///tables", "https://am example.com")) {
            List<String> problems = problems(bad, GOOD_TOKEN);
            assertEquals(1, problems.size(), bad);
            assertTrue(problems.get(0).contains("'" + bad + "' is not an absolute http:// or https:// URL with a host"),
                    problems.get(0));
        }
    }

    @Test
    void theTokenMustBeNonBlankWellFormedAndUnexpired() {
        assertEquals(List.of("the token is empty"), problems("https://am.example.com", ""));
        assertEquals(List.of("the token is empty"), problems("https://am.example.com", null));
        List<String> spaced = problems("https://am.example.com", GOOD_TOKEN + "\n");
        assertTrue(spaced.get(0).contains("contains whitespace or control characters"), spaced.toString());

        String placeholder = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.payload.signature";
        List<String> malformed = problems("https://am.example.com", placeholder);
        assertEquals(1, malformed.size());
        assertTrue(malformed.get(0).startsWith("the token eyJh...ture looks like a JWT but the JWT payload"),
                malformed.get(0));

        String expired = jwtExpiringAt(NOW.minusSeconds(90), "expired");
        List<String> old = problems("https://am.example.com", expired);
        assertEquals(List.of("the token " + AMCredentials.mask(expired) + " (expired at " + NOW.minusSeconds(90)
                + ", 90 s ago); run `livecalc login` or provide a fresh token"), old);
    }

    @Test
    void aCacheDirThatIsAFileIsAProblem() throws IOException {
        Path file = Files.writeString(home.resolve("not-a-folder"), "x");
        assertEquals(List.of("cache_dir " + file + " is not a folder"),
                manager("https://am.example.com", GOOD_TOKEN, file).validate());
        assertEquals(List.of(), manager("https://am.example.com", GOOD_TOKEN, home.resolve("later")).validate());
    }

    @Test
    void withoutCredentialsValidateSaysHowToProvideThem() {
        CredentialManager m = CredentialManager.builder().environment(Map.of()).home(home).build();
        List<String> problems = m.validate(true);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("No Assumptions Manager credentials."), problems.get(0));
    }

    @Test
    void anyHttpAnswerCountsAsReachableAndTheTokenIsNotSent() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> seen = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(404, -1); // not even a page there: still an AM that answers
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/am";
            assertEquals(List.of(), manager(url, GOOD_TOKEN, null).validate(true));
            assertEquals(List.of("HEAD /am auth=null"), seen);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aClosedPortIsUnreachableNamingTheUrlAndTheError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        long start = System.nanoTime();
        List<String> problems = manager(url, GOOD_TOKEN, null).validate(true);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("the Assumptions Manager at " + url + " is not reachable: ConnectException"),
                problems.get(0));
        assertEquals(List.of(), manager(url, GOOD_TOKEN, null).validate(false), "format only: no connection tried");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(5_000);
                } catch (IOException | InterruptedException e) {
                    // closed by the test
                }
            });
            String url = "http://127.0.0.1:" + silent.getLocalPort();
            long start = System.nanoTime();
            List<String> problems = manager(url, GOOD_TOKEN, null).validate(true);
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis < 4_000, "took " + millis + " ms");
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("the Assumptions Manager at " + url
                    + " is not reachable: no answer within 700 ms"), problems.get(0));
            acceptor.interrupt();
        }
    }

    @Test
    void validationProblemsNeverContainTheToken() {
        String expired = jwtExpiringAt(NOW.minusSeconds(90), "a-very-distinctive-signature");
        for (String problem : manager("ftp://x", expired, null).validate(true)) {
            assertFalse(problem.contains(expired), problem);
        }
    }
}
