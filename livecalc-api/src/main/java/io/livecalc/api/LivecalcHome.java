package io.livecalc.api;

import java.nio.file.Path;
import java.util.Map;

/**
 * The folder LiveCalc keeps a user's state in: Assumptions Manager credentials ({@code credentials.json}),
 * the table cache ({@code cache/}) and the unpacked Python worker package ({@code python/}). One override,
 * the environment variable {@value #ENV}, like {@code CARGO_HOME} or {@code GRADLE_USER_HOME}; else
 * {@code ~/.livecalc}.
 */
public final class LivecalcHome {

    /** The environment variable that moves the folder. */
    public static final String ENV = "LIVECALC_HOME";

    private LivecalcHome() {
    }

    /** The folder for this process: {@value #ENV}, else {@code ~/.livecalc}. */
    public static Path dir() {
        return dir(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The folder for the given environment and user home: {@value #ENV} when set and not blank (a relative
     * value is taken from the working folder), else {@code userHome/.livecalc}.
     */
    public static Path dir(Map<String, String> environment, Path userHome) {
        String value = environment.get(ENV);
        if (value != null && !value.isBlank()) {
            return Path.of(value.strip()).toAbsolutePath().normalize();
        }
        return userHome.resolve(".livecalc");
    }
}
