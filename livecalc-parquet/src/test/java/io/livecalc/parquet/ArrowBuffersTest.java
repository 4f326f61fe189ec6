package io.livecalc.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioRecord;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ArrowBuffersTest {

    @Test
    void policiesExportToArrowAndImportBackBitForBitWithoutLeaks() {
        try (Arena arena = Arena.ofConfined(); BufferAllocator allocator = new RootAllocator()) {
            MemorySegment policies = TestData.policies(arena, 5000, 11);
            try (VectorSchemaRoot root = ArrowBuffers.toArrow(policies, 5000, BufferType.INPUT, allocator)) {
                assertEquals(5000, root.getRowCount());
                assertEquals(List.of("policy_id", "age", "gender", "sum_assured", "premium", "term", "product_type",
                        "underwriting_class"), root.getSchema().getFields().stream().map(f -> f.getName()).toList());
                assertEquals(-1L, ((UInt8Vector) root.getVector("policy_id")).get(0));
                assertEquals(PolicyRecord.age(policies, 42), ((UInt1Vector) root.getVector("age")).getValueAsLong(42));
                assertEquals(PolicyRecord.premium(policies, 4999), ((Float8Vector) root.getVector("premium")).get(4999));

                MemorySegment back = arena.allocate(policies.byteSize());
                assertEquals(5000, ArrowBuffers.fromArrow(root, BufferType.INPUT, back));
                assertEquals(-1, policies.mismatch(back));
            }
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    @Test
    void importAcceptsSignedIntegersAndRejectsNegativeYearsWithRowAndColumn() {
        try (Arena arena = Arena.ofConfined(); BufferAllocator allocator = new RootAllocator();
                IntVector id = new IntVector("scenario_id", allocator); IntVector year = new IntVector("year", allocator);
                Float8Vector rate = new Float8Vector("rate", allocator)) {
            id.allocateNew(2);
            year.allocateNew(2);
            rate.allocateNew(2);
            id.set(0, 7);
            id.set(1, 7);
            year.set(0, 1);
            year.set(1, -2);
            rate.set(0, 0.03);
            rate.set(1, 0.04);
            try (VectorSchemaRoot root = VectorSchemaRoot.of(id, year, rate)) {
                root.setRowCount(1);
                MemorySegment target = arena.allocate(2 * ScenarioRecord.SIZE);
                assertEquals(1, ArrowBuffers.fromArrow(root, BufferType.SCENARIO, target));
                assertEquals(7, ScenarioRecord.scenarioId(target, 0));
                assertEquals(0.03, ScenarioRecord.rate(target, 0));
                root.setRowCount(2);
                var e = assertThrows(IllegalArgumentException.class, () -> ArrowBuffers.fromArrow(root, BufferType.SCENARIO, target));
                assertEquals("Arrow row 2, column 'year': value -2 is out of range 0..4294967295 for the Scenario record", e.getMessage());
            }
        }
    }
}
