package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClassVersionUpgradeTest {

    private static final Path PICOCLI = jarOf(CommandLine.class);

    @Test
    void picocliIsJava5BytecodeThatTheStartUpCacheCannotHold() throws Exception {
        TreeMap<Integer, Integer> versions = versions(PICOCLI);
        assertEquals(List.of(49), List.copyOf(versions.keySet()), "picocli's class-file versions (module-info aside)");
    }

    @Test
    void everyPicocliClassBecomesVersion51WithStackMapsAndTheSameInstructions(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("picocli.jar");
        int n = ClassVersionUpgrade.upgrade(PICOCLI, out);

        TreeMap<Integer, Integer> versions = versions(out);
        assertEquals(List.of(51), List.copyOf(versions.keySet()));
        assertEquals(n, versions.get(51));
        assertTrue(n > 100, "picocli has over a hundred classes: " + n);
        try (JarFile before = new JarFile(PICOCLI.toFile()); JarFile after = new JarFile(out.toFile())) {
            assertEquals(names(before), names(after), "the same entries, in the same order");
            int stackMaps = 0;
            for (String name : names(before)) {
                if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
                    assertTrue(java.util.Arrays.equals(before.getInputStream(before.getEntry(name)).readAllBytes(),
                            after.getInputStream(after.getEntry(name)).readAllBytes()), name + " copied as it is");
                    continue;
                }
                ClassModel old = ClassFile.of().parse(before.getInputStream(before.getEntry(name)).readAllBytes());
                ClassModel upgraded = ClassFile.of().parse(after.getInputStream(after.getEntry(name)).readAllBytes());
                assertEquals(old.methods().size(), upgraded.methods().size(), name);
                for (int m = 0; m < old.methods().size(); m++) {
                    MethodModel a = old.methods().get(m);
                    MethodModel b = upgraded.methods().get(m);
                    String where = name + " " + a.methodName() + a.methodType();
                    assertEquals(a.methodName().stringValue() + a.methodType().stringValue(),
                            b.methodName().stringValue() + b.methodType().stringValue(), where);
                    assertEquals(instructions(a), instructions(b), where);
                    stackMaps += b.code().flatMap(c -> c.findAttribute(java.lang.classfile.Attributes.stackMapTable())).isPresent() ? 1 : 0;
                }
            }
            assertTrue(stackMaps > 100, "methods with branches got stack maps: " + stackMaps);
        }
    }

    @Test
    void theUpgradedClassesPassTheVerifierAndParseACommandLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("picocli.jar");
        ClassVersionUpgrade.upgrade(PICOCLI, out);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                JarFile jar = new JarFile(out.toFile())) {
            for (String name : names(jar)) {
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    // initializing links the class, and linking a version 51 class verifies it with its stack maps
                    Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), true, loader);
                    assertEquals(loader, c.getClassLoader());
                }
            }
            // picocli's own programmatic API, from the upgraded classes: parse "--threads 2 in.csv"
            Class<?> spec = loader.loadClass("picocli.CommandLine$Model$CommandSpec");
            Object command = call(spec, null, "create");
            Class<?> optionSpec = loader.loadClass("picocli.CommandLine$Model$OptionSpec");
            Object builder = call(optionSpec, null, "builder", String.class, "--threads", String[].class, new String[0]);
            call(builder.getClass(), builder, "type", Class.class, int.class);
            call(spec, command, "addOption", optionSpec, call(builder.getClass(), builder, "build"));
            Object cl = loader.loadClass("picocli.CommandLine").getConstructor(Object.class).newInstance(command);
            Object parsed = call(cl.getClass(), cl, "parseArgs", String[].class, new String[] {"--threads", "2"});
            assertEquals(2, call(parsed.getClass(), parsed, "matchedOptionValue", String.class, "--threads", Object.class, 0));
        }
    }

    @Test
    void aJarWithoutOldClassesIsLeftUntouchedAndNoTemporaryFileRemains(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("own.jar");
        String name = "io/livecalc/cli/ClassVersionUpgrade.class";
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                var in = ClassVersionUpgrade.class.getClassLoader().getResourceAsStream(name)) {
            out.putNextEntry(new java.util.jar.JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
        byte[] before = Files.readAllBytes(jar);

        assertEquals(0, ClassVersionUpgrade.upgradeInPlace(jar));

        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(jar)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(jar), files.toList());
        }
    }

    /** The method's instructions, a branch or switch naming its targets by the index of the instruction there. */
    private static List<String> instructions(MethodModel m) {
        List<java.lang.classfile.CodeElement> elements = m.code().map(CodeModel::elementList).orElse(List.of());
        java.util.Map<java.lang.classfile.Label, Integer> at = new java.util.HashMap<>();
        int index = 0;
        for (var e : elements) {
            if (e instanceof java.lang.classfile.instruction.LabelTarget t) {
                at.put(t.label(), index);
            } else if (e instanceof Instruction) {
                index++;
            }
        }
        List<String> out = new ArrayList<>();
        for (var e : elements) {
            switch (e) {
                case BranchInstruction b -> out.add(b.opcode() + " -> " + at.get(b.target()));
                case TableSwitchInstruction t -> out.add("TABLESWITCH " + t.lowValue() + ".." + t.highValue() + " -> "
                        + at.get(t.defaultTarget()) + " " + t.cases().stream().map(c -> c.caseValue() + ":" + at.get(c.target())).toList());
                case LookupSwitchInstruction l -> out.add("LOOKUPSWITCH -> " + at.get(l.defaultTarget()) + " "
                        + l.cases().stream().map(c -> c.caseValue() + ":" + at.get(c.target())).toList());
                case Instruction i -> out.add(i.toString());
                default -> { }
            }
        }
        return out;
    }

    /** Calls {@code name} on {@code target} (static when null); {@code typesAndArgs} alternate type, argument. */
    private static Object call(Class<?> type, Object target, String name, Object... typesAndArgs) throws Exception {
        Class<?>[] types = new Class<?>[typesAndArgs.length / 2];
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = (Class<?>) typesAndArgs[2 * i];
            args[i] = typesAndArgs[2 * i + 1];
        }
        java.lang.reflect.Method m = type.getMethod(name, types);
        m.setAccessible(true);   // some of picocli's builders are public methods of package-private classes
        return m.invoke(target, args);
    }

    private static TreeMap<Integer, Integer> versions(Path jar) throws Exception {
        TreeMap<Integer, Integer> versions = new TreeMap<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (String name : names(f)) {
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    versions.merge(ClassFile.of().parse(f.getInputStream(f.getEntry(name)).readAllBytes()).majorVersion(), 1, Integer::sum);
                }
            }
        }
        return versions;
    }

    private static List<String> names(JarFile jar) {
        return Collections.list(jar.entries()).stream().map(java.util.jar.JarEntry::getName).toList();
    }

    private static Path jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
