package io.livecalc.engines.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.InitializationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Python worker process ({@code python -m livecalc.worker}) and its control channel: JSON lines over
 * the child's stdin/stdout, which the worker keeps private (the engine's prints go to stderr). A reader
 * thread moves replies into a queue so that waiting for one is interruptible (the lifecycle manager's
 * timeout interrupts the caller, and the bridge then kills the worker); another keeps the tail of stderr
 * for error messages and logs every line at debug level.
 */
final class PythonWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("io.livecalc.engines.python.worker");
    /** Reads the worker's NaN and Infinity (Python's json writes them bare: a solver's objective before any evaluation). */
    static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final int STDERR_TAIL_LINES = 40;
    /** End-of-stream marker in the reply queue. */
    private static final JsonNode EOF = JSON.createObjectNode().put("eof", true);

    /**
     * Starts workers from one long-lived thread: PR_SET_PDEATHSIG fires when the thread that forked the
     * child ends, so the forking thread must live as long as the JVM.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "livecalc-python-launcher");
        t.setDaemon(true);
        return t;
    });

    private final String engineId;
    private final Process process;
    private final OutputStream toWorker;
    private final LinkedBlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> stderrTail = new ArrayDeque<>();
    private final Thread stdoutReader;
    private final Thread stderrReader;

    private PythonWorker(String engineId, Process process) {
        this.engineId = engineId;
        this.process = process;
        this.toWorker = process.getOutputStream();
        this.stdoutReader = Thread.ofPlatform().daemon().name("livecalc-python-" + engineId + "-" + process.pid() + "-out")
                .start(this::readReplies);
        this.stderrReader = Thread.ofPlatform().daemon().name("livecalc-python-" + engineId + "-" + process.pid() + "-err")
                .start(this::readStderr);
    }

    /**
     * Starts a worker and waits for its hello line.
     *
     * @throws InitializationException the process cannot start, numpy is missing, or no hello came in time
     */
    static PythonWorker start(String engineId, Path python, Path packageDir, List<String> pythonPath, Path workDir,
                              Duration startupTimeout) {
        List<String> path = new ArrayList<>(pythonPath);
        path.add(packageDir.toString());
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-u", "-m", "livecalc.worker").directory(workDir.toFile());
        String existing = pb.environment().get("PYTHONPATH");
        if (existing != null && !existing.isBlank()) {
            path.add(existing);
        }
        pb.environment().put("PYTHONPATH", String.join(java.io.File.pathSeparator, path));
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p;
        try {
            p = LAUNCHER.submit(pb::start).get();
        } catch (ExecutionException e) {
            throw new InitializationException("engine '" + engineId + "': cannot start Python " + python + ": " + e.getCause().getMessage()
                    + "; install Python 3 or set config key 'python.executable'", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InitializationException("engine '" + engineId + "': interrupted while starting Python", e);
        }
        PythonWorker w = new PythonWorker(engineId, p);
        JsonNode hello;
        try {
            hello = w.replies.poll(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            w.kill();
            Thread.currentThread().interrupt();
            throw new InitializationException("engine '" + engineId + "': interrupted while starting Python", e);
        }
        if (hello == null || hello == EOF) {
            String why = hello == null ? "did not start within " + startupTimeout.toSeconds() + " s" : "exited at start-up";
            w.kill();
            throw new InitializationException("engine '" + engineId + "': the Python worker (" + python + ") " + why + "; "
                    + w.exitDescription() + w.stderrDescription());
        }
        if (!hello.path("ok").asBoolean()) {
            w.kill();
            JsonNode error = hello.path("error");
            if ("numpy_missing".equals(error.path("kind").asText())) {
                throw new InitializationException("engine '" + engineId + "': numpy is not installed for " + python
                        + " (" + error.path("message").asText() + "); install it with '" + python + " -m pip install numpy'");
            }
            throw new InitializationException("engine '" + engineId + "': the Python worker failed at start-up: "
                    + error.path("message").asText());
        }
        LOG.atDebug().addKeyValue("event", "python_worker_started").addKeyValue("engine_id", engineId).addKeyValue("pid", p.pid())
                .addKeyValue("python", hello.path("python").asText()).addKeyValue("numpy", hello.path("numpy").asText())
                .log("engine {}: Python worker {} started (Python {}, numpy {})", engineId, p.pid(), hello.path("python").asText(),
                        hello.path("numpy").asText());
        return w;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one request line. */
    void send(Object request) {
        try {
            byte[] line = JSON.writeValueAsBytes(request);
            synchronized (toWorker) {
                toWorker.write(line);
                toWorker.write('\n');
                toWorker.flush();
            }
        } catch (IOException e) {
            throw crashed("could not send a request (" + e.getMessage() + ")");
        }
    }

    /**
     * The next line from the worker; waits interruptibly.
     *
     * @throws EngineExecutionException the worker died (exit status and stderr tail in the message)
     * @throws InterruptedException     the caller was interrupted (a timeout); the worker is untouched
     */
    JsonNode receive() throws InterruptedException {
        JsonNode reply = replies.take();
        if (reply == EOF) {
            replies.add(EOF); // later calls see the end too
            throw crashed("the Python worker died");
        }
        return reply;
    }

    /** A crash report: what happened, the exit status and the stderr tail; transient (a restart may help). */
    EngineExecutionException crashed(String what) {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
            stderrReader.join(500); // let the last lines arrive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new EngineExecutionException("engine '" + engineId + "': " + what + " (pid " + process.pid() + ", "
                + exitDescription() + ")" + stderrDescription() + "; it is restarted on the next use", null, true);
    }

    String exitDescription() {
        if (process.isAlive()) {
            return "still running";
        }
        int status = process.exitValue();
        if (status > 128 && status < 128 + 65) {
            return "exit status " + status + ", killed by signal " + (status - 128) + signalName(status - 128);
        }
        return "exit status " + status;
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }

    String stderrDescription() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : "; stderr (last " + stderrTail.size() + " lines):\n" + String.join("\n", stderrTail);
        }
    }

    /** Stops the worker: SIGTERM, then SIGKILL after {@code grace}; returns once it is gone. */
    void kill(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    void kill() {
        kill(Duration.ofMillis(200));
    }

    /** Asks the worker to exit, and kills it when it does not within a second. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send(java.util.Map.of("op", "exit"));
                if (!process.waitFor(1, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (RuntimeException e) {
                kill();
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            toWorker.close();
        } catch (IOException ignored) {
            // the worker is gone
        }
    }

    private void readReplies() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                try {
                    replies.add(JSON.readTree(line));
                } catch (IOException e) {
                    LOG.warn("engine {}: unreadable line from the Python worker: {}", engineId, line);
                    // a failed reply, so that the waiting call fails instead of waiting for ever
                    replies.add(JSON.createObjectNode().put("ok", false).set("error", JSON.createObjectNode()
                            .put("type", "ProtocolError").put("message", "unreadable reply from the Python worker (not JSON"
                                    + "): " + (line.length() > 200 ? line.substring(0, 200) + "..." : line))));
                }
            }
        } catch (IOException e) {
            // the stream closed: the worker is gone
        } finally {
            replies.add(EOF);
        }
    }

    private void readStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                LOG.debug("engine {} [python {}]: {}", engineId, process.pid(), line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException e) {
            // the worker is gone
        }
    }
}
