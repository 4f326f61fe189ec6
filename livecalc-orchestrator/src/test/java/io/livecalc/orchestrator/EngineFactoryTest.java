package io.livecalc.orchestrator;

import io.livecalc.api.EngineProvider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.ConfigurationException;
import io.livecalc.api.ICalcEngine;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineFactoryTest {

    @Test
    void findsProvidersWithTheServiceLoader() {
        EngineFactory factory = EngineFactory.load();

        EngineFactory.EngineType found = factory.list().stream().filter(t -> t.type().equals("test_projection")).findFirst().orElseThrow();
        assertEquals(List.of("cpp_test_projection"), found.aliases());
        assertEquals(FakeEngine.INFO, found.info());
        assertEquals("policies", found.info().inputPorts().getFirst().name());
        assertTrue(factory.isRegistered("test_projection"));
        assertInstanceOf(FakeEngine.class, factory.create("test_projection"));
    }

    @Test
    void aliasesResolveToTheirType() {
        EngineFactory factory = EngineFactory.load();

        assertTrue(factory.isRegistered("cpp_test_projection"));
        assertEquals("test_projection", factory.resolve("cpp_test_projection").orElseThrow());
        assertInstanceOf(FakeEngine.class, factory.create("cpp_test_projection"));
        assertEquals(FakeEngine.INFO, factory.describe("cpp_test_projection"));
        assertFalse(factory.isRegistered("Test_Projection"));
    }

    @Test
    void registersSuppliersAndDescribesThemFromOneDisposedProbe() {
        AtomicInteger made = new AtomicInteger();
        FakeEngine[] probe = new FakeEngine[1];
        EngineFactory factory = new EngineFactory().register("fake", () -> {
            made.incrementAndGet();
            FakeEngine e = new FakeEngine();
            if (probe[0] == null) {
                probe[0] = e;
            }
            return e;
        }, "fake_alias");

        assertEquals(List.of(new EngineFactory.EngineType("fake", List.of("fake_alias"), FakeEngine.INFO)), factory.list());
        assertEquals(FakeEngine.INFO, factory.describe("fake"));
        assertEquals(1, made.get(), "described once");
        assertEquals(1, probe[0].disposeCalls.get());
        ICalcEngine a = factory.create("fake");
        ICalcEngine b = factory.create("fake_alias");
        assertNotSame(a, b);
        assertEquals(3, made.get());
    }

    @Test
    void listsTypesSortedWithTheirAliases() {
        EngineFactory factory = new EngineFactory().register("projection", FakeEngine::new, "cpp_projection")
                .register("esg", FakeEngine::new).register(new TestProjectionProvider());

        assertEquals(List.of("esg", "projection", "test_projection"), factory.list().stream().map(EngineFactory.EngineType::type).toList());
        assertEquals(List.of("cpp_projection"), factory.list().get(1).aliases());
    }

    @Test
    void unknownTypeListsTheRegisteredOnes() {
        EngineFactory factory = new EngineFactory().register("projection", FakeEngine::new, "cpp_projection")
                .register("esg", FakeEngine::new).register("solver", FakeEngine::new, "python_solver", "cpp_solver");

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> factory.create("projektion"));
        assertEquals("unknown engine type 'projektion'; registered types: esg, projection (alias cpp_projection), "
                + "solver (aliases cpp_solver, python_solver)", e.getMessage());
        assertThrows(ConfigurationException.class, () -> factory.describe("nope"));
        assertEquals("unknown engine type 'x'; registered types: none (no EngineProvider on the class path and nothing registered)",
                assertThrows(ConfigurationException.class, () -> new EngineFactory().create("x")).getMessage());
    }

    @Test
    void rejectsADuplicateTypeOrAlias() {
        EngineFactory factory = new EngineFactory().register("projection", FakeEngine::new, "cpp_projection");

        assertEquals("engine type name 'projection' of register(\"projection\", supplier) is already registered by "
                        + "register(\"projection\", supplier)",
                assertThrows(IllegalArgumentException.class, () -> factory.register("projection", FakeEngine::new)).getMessage());
        assertEquals("engine type name 'cpp_projection' of register(\"cpp_projection\", supplier) is already registered by "
                        + "register(\"projection\", supplier) as an alias of 'projection'",
                assertThrows(IllegalArgumentException.class, () -> factory.register("cpp_projection", FakeEngine::new)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> factory.register("esg", FakeEngine::new, "projection"));
        assertEquals("engine type name 'esg2' of register(\"esg\", supplier) is already registered (listed twice)",
                assertThrows(IllegalArgumentException.class, () -> factory.register("esg", FakeEngine::new, "esg2", "esg2")).getMessage());
        assertFalse(factory.isRegistered("esg"), "a rejected registration leaves nothing behind");
        assertEquals("engine type name 'Bad Name' of register(\"Bad Name\", supplier) must match [a-z][a-z0-9_-]*",
                assertThrows(IllegalArgumentException.class, () -> factory.register("Bad Name", FakeEngine::new)).getMessage());
    }

    @Test
    void twoServiceProvidersClaimingOneTypeFailTheLoad(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(EngineProvider.class.getName()), ClashingTestProjectionProvider.class.getName() + "\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> EngineFactory.load(loader));
            assertTrue(e.getMessage().startsWith("cannot load engine providers: engine type name 'test_projection' of provider "), e.getMessage());
            assertTrue(e.getMessage().contains(ClashingTestProjectionProvider.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains(TestProjectionProvider.class.getName()), e.getMessage());
        }
    }
}
