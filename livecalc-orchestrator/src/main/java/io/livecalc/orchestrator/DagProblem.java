package io.livecalc.orchestrator;

/**
 * One thing wrong with a pipeline definition.
 *
 * @param location where: a JSON pointer with line and column for DAG files, or the builder call
 * @param message  what is wrong and, where there is one, the fix
 */
public record DagProblem(String location, String message) {
    @Override
    public String toString() {
        return location + ": " + message;
    }
}
