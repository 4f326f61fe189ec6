package io.livecalc.orchestrator;

import io.livecalc.api.ConfigurationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline definition has problems. Validation collects all of them before anything runs, so one run of
 * {@code livecalc validate} lists every fix to make.
 */
public final class DagValidationException extends ConfigurationException {
    private static final long serialVersionUID = 1L;

    private final transient List<DagProblem> problems;

    public DagValidationException(String source, List<DagProblem> problems) {
        super(format(source, problems));
        this.problems = List.copyOf(problems);
    }

    public List<DagProblem> problems() {
        return problems;
    }

    private static String format(String source, List<DagProblem> problems) {
        return source + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
