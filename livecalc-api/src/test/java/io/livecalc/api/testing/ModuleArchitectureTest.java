package io.livecalc.api.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleArchitectureTest {

    private static final String TABLE = """
            ## Modules
            | module | depends on | face packages |
            |---|---|---|
            | `livecalc-api` | - | `io.livecalc.api` |
            | `livecalc-engines` | `livecalc-api` | `io.livecalc.engines.projection` |
            | `livecalc-cli` | `livecalc-api`, `livecalc-engines` (optional) | `io.livecalc.cli` (the command, the remark is not a package) |
            """;

    @TempDir
    Path dir;

    @Test
    void everyReactorModuleWithCodeHasARowAndEveryRowIsAReactorModule() throws IOException {
        Path repo = TestDataDir.root().getParent();
        Set<String> reactor = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([\\w-]+)</module>").matcher(Files.readString(repo.resolve("pom.xml")));
        while (m.find()) {
            if (Files.isDirectory(repo.resolve(m.group(1)).resolve("src/main/java"))) {
                reactor.add(m.group(1));
            }
        }
        reactor.remove("examples");
        assertEquals(reactor, ModuleArchitecture.load().modules().keySet().stream().collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void cellsListNamesAndIgnoreRemarksInParentheses() throws IOException {
        ModuleArchitecture.Module cli = architecture().modules().get("livecalc-cli");

        assertEquals(Set.of("livecalc-api", "livecalc-engines"), cli.dependsOn());
        assertEquals(Set.of("io.livecalc.cli"), cli.facePackages());
        assertEquals(Set.of(), architecture().modules().get("livecalc-api").dependsOn());
    }

    @Test
    void aClassUsingAnotherModulesInternalPackageIsAViolation() throws IOException {
        Path module = module("livecalc-cli", "livecalc-api", "livecalc-engines");
        writeClass(module, "io/livecalc/cli/Uses", "io/livecalc/engines/projection/internal/LaneMath");
        writeClass(module, "io/livecalc/cli/internal/Fine", "io/livecalc/engines/projection/ProjectionEngine");

        List<String> problems = architecture().violations(module, "target/classes");

        assertEquals(List.of("io/livecalc/cli/Uses.class uses io.livecalc.engines.projection.internal (not a face package of any module)"),
                problems);
    }

    @Test
    void aClassUsingAModuleItDoesNotDeclareIsAViolation() throws IOException {
        Path module = module("livecalc-engines", "livecalc-api");
        writeClass(module, "io/livecalc/engines/projection/Engine", "io/livecalc/cli/Main");

        AssertionError e = assertThrows(AssertionError.class, () -> architecture().assertConforms(module, "target/classes"));

        assertTrue(e.getMessage().contains("io/livecalc/engines/projection/Engine.class uses io.livecalc.cli"
                + " (face of livecalc-cli, not a declared dependency)"), e.getMessage());
    }

    @Test
    void aClassOutsideItsModulesRootPackageAndASourceImportOfAnInternalPackageAreViolations() throws IOException {
        Path module = module("livecalc-cli", "livecalc-api", "livecalc-engines");
        writeClass(module, "io/livecalc/engines/projection/Sneaky", "io/livecalc/api/Thing");
        Path source = Files.createDirectories(module.resolve("src/main/java/io/livecalc/cli")).resolve("Uses.java");
        Files.writeString(source, "package io.livecalc.cli;\n\nimport static io.livecalc.engines.projection.internal.Kernels.BLOCK;\n");

        assertEquals(List.of("src/main/java imports from io.livecalc.engines.projection.internal (not a face package of any module)",
                "io/livecalc/engines/projection/Sneaky.class is in io.livecalc.engines.projection, outside io.livecalc.cli"),
                architecture().violations(module, "target/classes"));
    }

    @Test
    void aPomWhoseDependenciesDifferFromTheTableIsAViolation() throws IOException {
        Path module = module("livecalc-cli", "livecalc-api");

        assertEquals(List.of("livecalc-cli/pom.xml depends on [livecalc-api], ARCHITECTURE.md says [livecalc-api, livecalc-engines]"),
                architecture().violations(module, "target/classes"));
    }

    private ModuleArchitecture architecture() throws IOException {
        Path md = dir.resolve("ARCHITECTURE.md");
        Files.writeString(md, TABLE);
        return ModuleArchitecture.parse(md);
    }

    private Path module(String name, String... dependencies) throws IOException {
        Path module = Files.createDirectories(dir.resolve(name));
        StringBuilder deps = new StringBuilder();
        for (String d : dependencies) {
            deps.append("<dependency><groupId>io.livecalc</groupId><artifactId>").append(d).append("</artifactId></dependency>");
        }
        deps.append("<dependency><groupId>io.livecalc</groupId><artifactId>livecalc-api</artifactId>"
                + "<type>test-jar</type><scope>test</scope></dependency>");
        Files.writeString(module.resolve("pom.xml"), "<project><artifactId>" + name + "</artifactId><dependencies>" + deps
                + "</dependencies></project>");
        Files.createDirectories(module.resolve("target/classes"));
        return module;
    }

    /** A class whose one method calls a static method of {@code used}. */
    private static void writeClass(Path module, String name, String used) throws IOException {
        byte[] bytes = ClassFile.of().build(ClassDesc.ofInternalName(name), cls -> cls.withMethodBody("run",
                MethodTypeDesc.of(ConstantDescs.CD_void), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .invokestatic(ClassDesc.ofInternalName(used), "run", MethodTypeDesc.of(ConstantDescs.CD_void))
                        .return_()));
        Path file = module.resolve("target/classes").resolve(name + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }
}
