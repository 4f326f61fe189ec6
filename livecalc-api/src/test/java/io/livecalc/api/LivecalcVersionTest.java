package io.livecalc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LivecalcVersionTest {

    @Test
    void theVersionIsTheMavenVersion() {
        assertEquals(System.getProperty("livecalc.version"), LivecalcVersion.current().version());
    }

    @Test
    void theCommitIsTheCheckoutsHead() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, git.waitFor(), head);
        String commit = LivecalcVersion.current().commit().replace("-dirty", "");
        assertTrue(commit.length() >= 7 && head.startsWith(commit), "built from " + commit + ", HEAD is " + head);
    }
}
