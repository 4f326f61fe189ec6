package io.livecalc.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The module map ARCHITECTURE.md states (its table "Modules": each module, the LiveCalc modules it depends on and
 * its face packages), checked against what a module really is: the {@code io.livecalc} dependencies its pom.xml
 * declares for compile (optional included), and the LiveCalc classes its compiled code refers to, read from the
 * constant pools of its class files with the JDK's class-file API. A module may use its own packages and the face
 * packages of the modules it depends on, nothing else: an {@code internal} package or a module not declared is a
 * violation. Every module's {@code ArchitectureTest} calls {@link #assertConforms}.
 */
public final class ModuleArchitecture {

    /** One row of the table. */
    public record Module(String name, Set<String> dependsOn, Set<String> facePackages) {
    }

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`?(livecalc-[\\w-]+|examples)`?\\s*\\|([^|]*)\\|([^|]*)\\|");
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L(io/livecalc/[\\w/$]+)[;<]");

    private final Map<String, Module> modules;

    private ModuleArchitecture(Map<String, Module> modules) {
        this.modules = modules;
    }

    /** Reads the table from the repository's ARCHITECTURE.md (beside {@code testdata/}). */
    public static ModuleArchitecture load() {
        return parse(TestDataDir.root().getParent().resolve("ARCHITECTURE.md"));
    }

    /** Reads the table of the given markdown file. */
    public static ModuleArchitecture parse(Path markdown) {
        Map<String, Module> modules = new LinkedHashMap<>();
        try {
            boolean inTable = false;
            for (String line : Files.readAllLines(markdown)) {
                if (line.startsWith("#")) {
                    inTable = line.strip().equals("## Modules"); // only the table under this heading
                    continue;
                }
                Matcher m = ROW.matcher(line);
                if (inTable && m.find()
                        && modules.put(m.group(1), new Module(m.group(1), names(m.group(2)), names(m.group(3)))) != null) {
                    throw new IllegalStateException(markdown + ": module " + m.group(1) + " has two rows");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (modules.isEmpty()) {
            throw new IllegalStateException(markdown + ": no module table rows ('| livecalc-x | deps | packages |')");
        }
        return new ModuleArchitecture(modules);
    }

    /** The rows, in the table's order. */
    public Map<String, Module> modules() {
        return modules;
    }

    /**
     * Fails, listing every violation, unless the module in {@code moduleDir} (its pom.xml and the given class
     * folders below it, e.g. {@code target/classes}) matches its row.
     */
    public void assertConforms(Path moduleDir, String... classFolders) {
        List<String> problems = violations(moduleDir, classFolders);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " violation(s) of ARCHITECTURE.md:\n  " + String.join("\n  ", problems));
        }
    }

    /** What {@link #assertConforms} would report, empty when the module conforms. */
    public List<String> violations(Path moduleDir, String... classFolders) {
        String name = artifactId(moduleDir.resolve("pom.xml"));
        Module row = modules.get(name);
        if (row == null) {
            return List.of(name + " has no row in ARCHITECTURE.md's module table");
        }
        List<String> problems = new ArrayList<>();
        Set<String> declared = compileDependencies(moduleDir.resolve("pom.xml"));
        if (!declared.equals(row.dependsOn())) {
            problems.add(name + "/pom.xml depends on " + declared + ", ARCHITECTURE.md says " + new TreeSet<>(row.dependsOn()));
        }
        Set<String> allowed = new TreeSet<>(row.facePackages());
        row.dependsOn().forEach(d -> {
            Module dep = modules.get(d);
            if (dep != null) {
                allowed.addAll(dep.facePackages());
            }
        });
        for (String pkg : sourceImports(moduleDir.resolve("src/main/java"))) {
            if (!isOwn(pkg, name) && !allowed.contains(pkg)) {
                problems.add("src/main/java imports from " + pkg + " (" + whose(pkg) + ")"); // constants leave no class-file trace
            }
        }
        for (String folder : classFolders) {
            Path root = moduleDir.resolve(folder);
            for (Path classFile : classFiles(root)) {
                String own = packageOf(root.relativize(classFile).toString().replace('\\', '/'));
                if (!isOwn(own, name)) {
                    problems.add(root.relativize(classFile) + " is in " + own + ", outside io.livecalc." + name.replace("livecalc-", ""));
                }
                for (String used : referencedPackages(classFile)) {
                    if (isOwn(used, name) || allowed.contains(used)) {
                        continue;
                    }
                    problems.add(root.relativize(classFile) + " uses " + used + " (" + whose(used) + ")");
                }
            }
        }
        return problems.stream().distinct().toList();
    }

    /** Module livecalc-x owns io.livecalc.x and every package below it. */
    private static boolean isOwn(String pkg, String module) {
        String root = "io.livecalc." + module.replace("livecalc-", "");
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    private String whose(String pkg) {
        return modules.values().stream()
                .filter(m -> m.facePackages().contains(pkg))
                .map(m -> "face of " + m.name() + ", not a declared dependency")
                .findFirst()
                .orElse("not a face package of any module");
    }

    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(io\\.livecalc\\.[\\w.]+?)\\.[A-Z]", Pattern.MULTILINE);

    /** Packages of the io.livecalc types a module's sources import (the package: up to the first capitalised name). */
    private static Set<String> sourceImports(Path sources) {
        Set<String> packages = new TreeSet<>();
        if (!Files.isDirectory(sources)) {
            return packages;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    packages.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packages;
    }

    private static Set<String> referencedPackages(Path classFile) {
        Set<String> packages = new TreeSet<>();
        try {
            for (PoolEntry entry : ClassFile.of().parse(classFile).constantPool()) {
                if (entry instanceof ClassEntry c) {
                    String internal = c.asInternalName();
                    int dims = internal.lastIndexOf('[');
                    if (dims >= 0) {
                        Matcher m = DESCRIPTOR_CLASS.matcher(internal);
                        if (m.find()) {
                            addLivecalc(packages, m.group(1));
                        }
                    } else {
                        addLivecalc(packages, internal);
                    }
                } else if (entry instanceof Utf8Entry u) {
                    Matcher m = DESCRIPTOR_CLASS.matcher(u.stringValue());
                    while (m.find()) {
                        addLivecalc(packages, m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return packages;
    }

    private static void addLivecalc(Set<String> packages, String internalName) {
        if (internalName.startsWith("io/livecalc/")) {
            packages.add(packageOf(internalName + ".class"));
        }
    }

    private static String packageOf(String classFilePath) {
        int slash = classFilePath.lastIndexOf('/');
        return slash < 0 ? "" : classFilePath.substring(0, slash).replace('/', '.');
    }

    private static List<Path> classFiles(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(root + " does not exist: compile the module first");
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().equals("module-info.class"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(String cell) {
        // a cell lists names separated by commas; text in parentheses is a remark
        return Arrays.stream(cell.replaceAll("\\([^)]*\\)", "").replace("`", "").split("[,\\s]+"))
                .map(String::strip)
                .filter(s -> !s.isEmpty() && !s.equals("-"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String artifactId(Path pom) {
        Element project = pomDocument(pom);
        for (Element child : children(project)) {
            if (child.getTagName().equals("artifactId")) {
                return child.getTextContent().strip();
            }
        }
        throw new IllegalStateException(pom + " has no artifactId");
    }

    /** io.livecalc dependencies for compile (optional ones included; test scope and test-jars not). */
    private static Set<String> compileDependencies(Path pom) {
        Set<String> deps = new TreeSet<>();
        for (Element section : children(pomDocument(pom))) {
            if (!section.getTagName().equals("dependencies")) {
                continue;
            }
            for (Element dependency : children(section)) {
                Map<String, String> fields = new LinkedHashMap<>();
                children(dependency).forEach(f -> fields.put(f.getTagName(), f.getTextContent().strip()));
                String scope = fields.getOrDefault("scope", "compile");
                if ("io.livecalc".equals(fields.get("groupId")) && !fields.containsKey("type")
                        && (scope.equals("compile") || scope.equals("provided") || scope.equals("runtime"))) {
                    deps.add(fields.get("artifactId"));
                }
            }
        }
        return deps;
    }

    private static Element pomDocument(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
