package io.livecalc.orchestrator;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Creates engines by type name. Types come from {@link EngineProvider}s found by
 * {@link ServiceLoader} ({@link #load()}) and from programmatic registration; an alias (the original's
 * {@code cpp_projection} for {@code projection}) resolves to its type everywhere a type is accepted.
 *
 * <p>A type or alias can be registered once: registering a name that is already a type or an alias
 * fails with an {@link IllegalArgumentException} naming both registrations. Thread-safe.
 */
public final class EngineFactory {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    /**
     * One registered engine type.
     *
     * @param type    the canonical type name
     * @param aliases other names that resolve to it, sorted
     * @param info    the engine's metadata and ports
     */
    public record EngineType(String type, List<String> aliases, EngineInfo info) {
        public EngineType {
            Objects.requireNonNull(type, "type");
            aliases = List.copyOf(aliases);
            Objects.requireNonNull(info, "info");
        }
    }

    /** A registration and where it came from (for duplicate messages). */
    private record Registration(EngineProvider provider, String origin) {
    }

    private final Map<String, Registration> types = new TreeMap<>();
    private final Map<String, String> aliasToType = new TreeMap<>();

    /** An empty factory; register types with {@link #register}. */
    public EngineFactory() {
    }

    /** A factory holding every {@link EngineProvider} on the context class loader's class path or module path. */
    public static EngineFactory load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : EngineFactory.class.getClassLoader());
    }

    /**
     * A factory holding every {@link EngineProvider} visible to {@code loader}.
     *
     * @throws ConfigurationException a provider cannot be instantiated, or two providers claim one name
     */
    public static EngineFactory load(ClassLoader loader) {
        EngineFactory factory = new EngineFactory();
        try {
            for (EngineProvider provider : ServiceLoader.load(EngineProvider.class, loader)) {
                factory.register(provider, "provider " + provider.getClass().getName());
            }
        } catch (ServiceConfigurationError | IllegalArgumentException e) {
            throw new ConfigurationException("cannot load engine providers: " + e.getMessage(), e);
        }
        return factory;
    }

    /**
     * Registers a provider under its type and aliases.
     *
     * @throws IllegalArgumentException the type or an alias is invalid or already registered
     */
    public EngineFactory register(EngineProvider provider) {
        Objects.requireNonNull(provider, "provider");
        return register(provider, "provider " + provider.getClass().getName());
    }

    /**
     * Registers a type made by {@code supplier}. Its metadata is read once, when first asked for, from an
     * instance that is then disposed ({@link ICalcEngine#getInfo()} needs no initialisation).
     *
     * @throws IllegalArgumentException the type or an alias is invalid or already registered
     */
    public EngineFactory register(String type, Supplier<? extends ICalcEngine> supplier, String... aliases) {
        Objects.requireNonNull(supplier, "supplier");
        return register(new SupplierProvider(type, List.of(aliases), supplier), "register(\"" + type + "\", supplier)");
    }

    private synchronized EngineFactory register(EngineProvider provider, String origin) {
        String type = provider.type();
        List<String> aliases = List.copyOf(Objects.requireNonNull(provider.aliases(), "aliases of " + origin));
        List<String> names = new ArrayList<>();
        names.add(type);
        names.addAll(aliases);
        for (String name : names) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("engine type name '" + name + "' of " + origin + " must match " + NAME);
            }
            String owner = ownerOf(name);
            if (owner != null || names.indexOf(name) != names.lastIndexOf(name)) {
                throw new IllegalArgumentException("engine type name '" + name + "' of " + origin + " is already registered"
                        + (owner != null ? " by " + types.get(owner).origin() + (owner.equals(name) ? "" : " as an alias of '" + owner + "'")
                                : " (listed twice)"));
            }
        }
        types.put(type, new Registration(provider, origin));
        aliases.forEach(a -> aliasToType.put(a, type));
        return this;
    }

    /** The canonical type a name stands for, or null. */
    private String ownerOf(String name) {
        return types.containsKey(name) ? name : aliasToType.get(name);
    }

    /** Whether {@code typeOrAlias} names a registered type. */
    public synchronized boolean isRegistered(String typeOrAlias) {
        return typeOrAlias != null && ownerOf(typeOrAlias) != null;
    }

    /** The canonical type for a type or alias. */
    public synchronized Optional<String> resolve(String typeOrAlias) {
        return Optional.ofNullable(typeOrAlias == null ? null : ownerOf(typeOrAlias));
    }

    /** The registered types, sorted by name, with their aliases and ports. */
    public List<EngineType> list() {
        Map<String, Registration> snapshot;
        Map<String, String> aliases;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(types);
            aliases = new TreeMap<>(aliasToType);
        }
        List<EngineType> out = new ArrayList<>();
        snapshot.forEach((type, reg) -> out.add(new EngineType(type,
                aliases.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey).toList(),
                describeChecked(type, reg))));
        return out;
    }

    /**
     * The metadata and ports of a type, without creating an engine (for supplier registrations: see
     * {@link #register(String, Supplier, String...)}).
     *
     * @throws ConfigurationException the type is not registered
     */
    public EngineInfo describe(String typeOrAlias) {
        String type = canonical(typeOrAlias);
        return describeChecked(type, registration(type));
    }

    /**
     * The problems of {@code config} for an engine of this type, found by its provider without creating an
     * engine ({@link EngineProvider#checkConfig}).
     *
     * @throws ConfigurationException the type is not registered
     */
    public List<ConfigProblem> checkConfig(String typeOrAlias, EngineConfig config) {
        String type = canonical(typeOrAlias);
        List<ConfigProblem> problems = registration(type).provider().checkConfig(config);
        return problems == null ? List.of() : problems;
    }

    /**
     * A new, uninitialised engine of the given type or alias.
     *
     * @throws ConfigurationException the type is not registered (the message lists the registered ones),
     *                                or its provider returned null
     */
    public ICalcEngine create(String typeOrAlias) {
        String type = canonical(typeOrAlias);
        ICalcEngine engine = registration(type).provider().create();
        if (engine == null) {
            throw new ConfigurationException("engine type '" + type + "': " + registration(type).origin() + " created no engine (null)");
        }
        return engine;
    }

    /**
     * Whether engines of this type size their outputs themselves: their class implements
     * {@link ICalcEngine#outputRecords} (rather than keeping the default that cannot tell). Creates one engine of
     * the type to see (the first time a type is asked about), and disposes it.
     */
    public boolean implementsOutputRecords(String typeOrAlias) {
        return sizesOutputs.computeIfAbsent(canonical(typeOrAlias), this::askOutputRecords);
    }

    private final java.util.Map<String, Boolean> sizesOutputs = new java.util.concurrent.ConcurrentHashMap<>();

    private boolean askOutputRecords(String type) {
        ICalcEngine engine = create(type);
        try {
            return engine.getClass().getMethod("outputRecords", String.class, java.util.Map.class).getDeclaringClass() != ICalcEngine.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("ICalcEngine.outputRecords is public", e);
        } finally {
            engine.dispose();
        }
    }

    private synchronized String canonical(String typeOrAlias) {
        String type = typeOrAlias == null ? null : ownerOf(typeOrAlias);
        if (type == null) {
            throw new ConfigurationException("unknown engine type '" + typeOrAlias + "'; registered types: " + describeNames());
        }
        return type;
    }

    private synchronized Registration registration(String type) {
        return types.get(type);
    }

    /** {@code [esg, projection (aliases: cpp_projection)]}, or {@code none} for an empty factory. */
    private String describeNames() {
        if (types.isEmpty()) {
            return "none (no EngineProvider on the class path and nothing registered)";
        }
        List<String> parts = new ArrayList<>();
        for (String type : types.keySet()) {
            List<String> aliases = aliasToType.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey).toList();
            parts.add(aliases.isEmpty() ? type : type + " (alias" + (aliases.size() > 1 ? "es " : " ") + String.join(", ", aliases) + ")");
        }
        return String.join(", ", parts);
    }

    private static EngineInfo describeChecked(String type, Registration reg) {
        EngineInfo info = reg.provider().describe();
        if (info == null) {
            throw new ConfigurationException("engine type '" + type + "': " + reg.origin() + " describes no engine (null)");
        }
        return info;
    }

    /** A supplier registration; the metadata comes from a throw-away instance, read once. */
    private static final class SupplierProvider implements EngineProvider {
        private final String type;
        private final List<String> aliases;
        private final Supplier<? extends ICalcEngine> supplier;
        private volatile EngineInfo info;

        SupplierProvider(String type, List<String> aliases, Supplier<? extends ICalcEngine> supplier) {
            this.type = type;
            this.aliases = aliases;
            this.supplier = supplier;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public List<String> aliases() {
            return aliases;
        }

        @Override
        public EngineInfo describe() {
            EngineInfo known = info;
            if (known == null) {
                ICalcEngine probe = create();
                if (probe == null) {
                    throw new ConfigurationException("engine type '" + type + "': its supplier created no engine (null)");
                }
                try {
                    known = probe.getInfo();
                } finally {
                    probe.dispose();
                }
                info = known;
            }
            return known;
        }

        @Override
        public ICalcEngine create() {
            return supplier.get();
        }
    }
}
