package io.livecalc.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an engine is and which buffers it reads and writes.
 *
 * @param name                       display name, e.g. {@code "Java Projection Engine"}
 * @param version                    engine version
 * @param engineType                 the type the factory knows it by: {@code projection}, {@code esg},
 *                                   {@code solver}, {@code python}, or a custom type
 * @param supportsAssumptionsManager whether the engine resolves {@code assumptions://} tables
 * @param maxBufferSize              the largest buffer, in bytes, the engine accepts on any port
 * @param inputPorts                 declared inputs, in order; empty for a generator such as an ESG
 * @param outputPorts                declared outputs, in order; at least one
 * @param requiresSharedMemory       whether another process reads and writes the engine's buffers (a Python
 *                                   engine), so that every buffer on its ports must be file-backed shared
 *                                   memory ({@code BufferManager.allocateShared}); the orchestrator honours it
 */
public record EngineInfo(String name, String version, String engineType, boolean supportsAssumptionsManager,
                         long maxBufferSize, List<PortSpec> inputPorts, List<PortSpec> outputPorts,
                         boolean requiresSharedMemory) {

    /** An engine whose buffers stay in this process ({@code requiresSharedMemory == false}). */
    public EngineInfo(String name, String version, String engineType, boolean supportsAssumptionsManager,
                      long maxBufferSize, List<PortSpec> inputPorts, List<PortSpec> outputPorts) {
        this(name, version, engineType, supportsAssumptionsManager, maxBufferSize, inputPorts, outputPorts, false);
    }

    public EngineInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(engineType, "engineType");
        inputPorts = List.copyOf(inputPorts);
        outputPorts = List.copyOf(outputPorts);
        if (maxBufferSize <= 0) {
            throw new IllegalArgumentException("engine " + name + ": maxBufferSize must be positive, got " + maxBufferSize);
        }
        if (outputPorts.isEmpty()) {
            throw new IllegalArgumentException("engine " + name + " declares no output port");
        }
        Set<String> seen = new HashSet<>();
        for (PortSpec p : inputPorts) {
            if (!seen.add("in:" + p.name())) {
                throw new IllegalArgumentException("engine " + name + " declares input port '" + p.name() + "' twice");
            }
        }
        for (PortSpec p : inputPorts) {
            if (p.size() != null) {
                throw new IllegalArgumentException("engine " + name + ": input port '" + p.name() + "' declares an output size");
            }
        }
        for (PortSpec p : outputPorts) {
            if (!seen.add("out:" + p.name())) {
                throw new IllegalArgumentException("engine " + name + " declares output port '" + p.name() + "' twice");
            }
            String follows = p.size() == null ? null : p.size().inputPort();
            if (follows != null && !seen.contains("in:" + follows)) {
                throw new IllegalArgumentException("engine " + name + ": output port '" + p.name() + "' is sized by input port '" + follows
                        + "', which it does not declare");
            }
        }
    }

    public Optional<PortSpec> inputPort(String portName) {
        return inputPorts.stream().filter(p -> p.name().equals(portName)).findFirst();
    }

    public Optional<PortSpec> outputPort(String portName) {
        return outputPorts.stream().filter(p -> p.name().equals(portName)).findFirst();
    }
}
