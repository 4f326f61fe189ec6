package io.livecalc.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * A build step of the {@code ./livecalc} launcher's class path (livecalc-cli's pom runs it on {@code target/lib}
 * after copying the dependencies): rewrites a jar's pre-Java-6 class files (version &lt; 50) as version 51 with
 * stack maps, instruction for instruction the same code. The JVM never puts a class older than version 50 into a
 * CDS archive or an AOT cache ("Old class has been linked"), and verifies it with the slow type-inferencing
 * verifier on every start: picocli 4.7 is compiled for Java 5, so without this its ~140 classes were read from the
 * jar and verified on every {@code livecalc} run (about 40 ms of {@code --version}'s 290 ms, issue 15). Not a user
 * command; embedders' class paths are untouched.
 *
 * <p>usage: {@code ClassVersionUpgrade JAR...}: each jar is rewritten in place (through a temporary file) when it
 * holds an old class file, else left as it is; prints one line per rewritten jar.
 */
public final class ClassVersionUpgrade {

    /**
     * Java 7's: CDS archives version 50 and up, and from 51 on a class whose stack maps are wrong fails
     * verification instead of falling back to the old verifier, so a bad rewrite cannot go unnoticed.
     */
    static final int ARCHIVABLE = ClassFile.JAVA_7_VERSION;

    private ClassVersionUpgrade() {
    }

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            Path jar = Path.of(arg);
            int n = upgradeInPlace(jar);
            if (n > 0) {
                System.out.println("upgraded " + n + " class files of " + jar.getFileName() + " to version " + ARCHIVABLE);
            }
        }
    }

    /** Rewrites {@code jar}'s old class files; returns how many (0: the jar is left untouched). */
    static int upgradeInPlace(Path jar) throws IOException {
        Path temp = jar.resolveSibling(jar.getFileName() + ".upgrading");
        try {
            int n = upgrade(jar, temp);
            if (n > 0) {
                Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return n;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes {@code in} to {@code out} with every class file older than version 50 upgraded; returns how many. */
    static int upgrade(Path in, Path out) throws IOException {
        int upgraded = 0;
        try (URLClassLoader jarClasses = new URLClassLoader(new URL[] {in.toUri().toURL()}, null);
                JarFile source = new JarFile(in.toFile(), false);
                OutputStream file = Files.newOutputStream(out);
                JarOutputStream target = new JarOutputStream(file)) {
            // stack maps need the common super class of two types: the JDK's, else read from the jar itself
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(jarClasses))));
            for (JarEntry entry : Collections.list(source.entries())) {
                byte[] bytes = source.getInputStream(entry).readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                    ClassModel model = classFile.parse(bytes);
                    if (model.majorVersion() < ClassFile.JAVA_6_VERSION) {
                        bytes = upgrade(classFile, model);
                        upgraded++;
                    }
                }
                JarEntry copy = new JarEntry(entry.getName());
                copy.setTime(entry.getTime());
                target.putNextEntry(copy);
                target.write(bytes);
                target.closeEntry();
            }
        }
        return upgraded;
    }

    /** The class at version 51: every method body rebuilt from its instructions, so that it gets stack maps. */
    static byte[] upgrade(ClassFile classFile, ClassModel model) {
        ClassTransform version = (builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.withVersion(ARCHIVABLE, 0);
            } else {
                builder.with(element);
            }
        };
        return classFile.transformClass(model, version.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
    }
}
