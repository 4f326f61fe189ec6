package io.livecalc.orchestrator.dag.internal;

import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.orchestrator.ScenarioRates;
import io.livecalc.orchestrator.dag.DataKind;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A data source an application hands over in memory (records, an off-heap segment, rates, a generator): it is
 * written into the run's buffer record by record, with the checks a file gets from its reader (ranges, codes,
 * unique ids, scenario layout), each problem located by row and field. {@link io.livecalc.orchestrator.PipelineBuilder#build()} runs the
 * checks once (into scratch memory) so that they are reported with every other problem before any engine
 * starts; each run writes and checks again, as a file is read again.
 */
public abstract class InMemoryData {

    /** Problems listed at most; the rest are counted. */
    static final int MAX_PROBLEMS = 10;

    public final String id;
    public final DataKind kind;

    private InMemoryData(String id, DataKind kind) {
        this.id = id;
        this.kind = kind;
    }

    /** Records the source writes. */
    public abstract long records();

    /** Writes every record into {@code target} (exactly {@link #records()} long), adding a problem per bad value. */
    public abstract void write(MemorySegment target, Problems problems);

    /** What {@link #write} found, in row order, with where: {@code row 3 (policy_id 17): age = 130 ...}. */
    public static final class Problems {
        private final List<String> found = new ArrayList<>();
        private long more;

        void add(long row, String what) {
            if (found.size() < MAX_PROBLEMS) {
                found.add("row " + (row + 1) + ": " + what);
            } else {
                more++;
            }
        }

        public List<String> list() {
            List<String> out = new ArrayList<>(found);
            if (more > 0) {
                out.add("... and " + more + " more");
            }
            return out;
        }

        public boolean isEmpty() {
            return found.isEmpty();
        }
    }

    /** Every problem of the data, written into scratch memory; empty when a run can load it. */
    public List<String> check() {
        long records = records();
        if (records < 1) {
            return List.of("holds no " + kind.name().toLowerCase(Locale.ROOT) + ": there is nothing to value");
        }
        if (records > kind.bufferType().maxRecords()) {
            return List.of(records + " records exceed the " + kind.bufferType().name() + " limit of " + kind.bufferType().maxRecords());
        }
        Problems p = new Problems();
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            write(arena.allocate(records * kind.bufferType().recordSize(), 16), p);
        }
        return p.list();
    }

    // ---- policies ------------------------------------------------------------------------------

    /** The record components a policy record needs, as {@link PolicyRecord} names its fields. */
    static final List<String> POLICY_COMPONENTS = List.of("policyId", "age", "gender", "sumAssured", "premium", "term", "productType",
            "underwritingClass");

    /**
     * Policies from Java records whose components are named like the policy fields ({@code policyId, age, gender,
     * sumAssured, premium, term, productType, underwritingClass}; other components are ignored), e.g. the
     * projection's {@code Policy}. The record type's shape is checked by {@link #shapeProblem}.
     */
    public static InMemoryData policies(String id, List<? extends Record> policies) {
        List<? extends Record> rows = List.copyOf(policies);
        return new InMemoryData(id, DataKind.POLICIES) {
            @Override
            public long records() {
                return rows.size();
            }

            @Override
            public void write(MemorySegment s, Problems problems) {
                java.lang.reflect.Method[] get = null;
                Class<?> type = null;
                for (int i = 0; i < rows.size(); i++) {
                    Record r = rows.get(i);
                    if (r.getClass() != type) {
                        type = r.getClass();
                        get = accessors(type);
                    }
                    Object[] v = new Object[get.length];
                    for (int k = 0; k < get.length; k++) {
                        try {
                            v[k] = get[k].invoke(r);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException("cannot read component " + POLICY_COMPONENTS.get(k) + " of " + type.getName(), e);
                        }
                    }
                    writePolicy(s, i, v, problems);
                }
                uniqueIds(s, rows.size(), problems);
            }
        };
    }

    /** Why the records cannot be read as policies (a component missing, or not a number), else null. */
    public static String shapeProblem(List<? extends Record> policies) {
        Set<Class<?>> types = new HashSet<>();
        for (Record r : policies) {
            if (r == null) {
                return "holds a null policy";
            }
            if (types.add(r.getClass())) {
                List<String> missing = new ArrayList<>();
                java.lang.reflect.Method[] get = accessors(r.getClass());
                for (int k = 0; k < get.length; k++) {
                    if (get[k] == null) {
                        missing.add(POLICY_COMPONENTS.get(k));
                    }
                }
                if (!missing.isEmpty()) {
                    return "record type " + r.getClass().getName() + " has no number component " + missing + "; a policy record needs "
                            + POLICY_COMPONENTS + " (e.g. io.livecalc.engines.projection.Policy)";
                }
            }
        }
        return null;
    }

    /** The accessor of each {@link #POLICY_COMPONENTS} entry, matched ignoring case and underscores; null where absent. */
    private static java.lang.reflect.Method[] accessors(Class<?> type) {
        java.lang.reflect.Method[] out = new java.lang.reflect.Method[POLICY_COMPONENTS.size()];
        for (RecordComponent c : type.getRecordComponents()) {
            String name = c.getName().replace("_", "").toLowerCase(Locale.ROOT);
            for (int k = 0; k < out.length; k++) {
                Class<?> t = c.getType();
                boolean number = t == long.class || t == int.class || t == short.class || t == byte.class || t == double.class
                        || t == float.class || Number.class.isAssignableFrom(t);
                if (number && POLICY_COMPONENTS.get(k).toLowerCase(Locale.ROOT).equals(name)) {
                    out[k] = c.getAccessor();
                    out[k].setAccessible(true); // a record declared inside a method or class of the application
                }
            }
        }
        return out;
    }

    private static void writePolicy(MemorySegment s, long i, Object[] v, Problems p) {
        long policyId = ((Number) v[0]).longValue();
        String row = "(policy_id " + Long.toUnsignedString(policyId) + ") ";
        PolicyRecord.policyId(s, i, policyId);
        PolicyRecord.age(s, i, (int) whole(v[1], 0, PolicyRecord.MAX_AGE, "age", "an age in 0.." + PolicyRecord.MAX_AGE, i, row, p));
        PolicyRecord.gender(s, i, (int) whole(v[2], 0, 1, "gender", "a gender: 0 male, 1 female", i, row, p));
        PolicyRecord.sumAssured(s, i, amount(v[3], "sum_assured", i, row, p));
        PolicyRecord.premium(s, i, amount(v[4], "premium", i, row, p));
        PolicyRecord.term(s, i, whole(v[5], 0, 0xFFFF_FFFFL, "term", "a term in whole years >= 0", i, row, p));
        PolicyRecord.productType(s, i, (int) whole(v[6], 0, 2, "product_type", "a product code: 0 term, 1 whole life, 2 endowment", i, row, p));
        PolicyRecord.underwritingClass(s, i, (int) whole(v[7], 0, 4, "underwriting_class",
                "a class code: 0 standard, 1 smoker, 2 non-smoker, 3 preferred, 4 substandard", i, row, p));
    }

    private static long whole(Object v, long lo, long hi, String field, String expected, long i, String row, Problems p) {
        Number n = (Number) v;
        double d = n.doubleValue();
        if (d != Math.rint(d) || d < lo || d > hi) {
            p.add(i, row + field + " = " + v + " is not " + expected);
            return lo;
        }
        return n.longValue();
    }

    private static double amount(Object v, String field, long i, String row, Problems p) {
        double d = ((Number) v).doubleValue();
        if (!(Double.isFinite(d) && d >= 0)) {
            p.add(i, row + field + " = " + v + " is not a finite amount >= 0");
            return 0;
        }
        return d;
    }

    /** Policies as {@link PolicyRecord}s in an off-heap (or heap) segment, read when each run starts. */
    public static InMemoryData policies(String id, MemorySegment records) {
        return copied(id, DataKind.POLICIES, records, (s, problems) -> {
            long count = s.byteSize() / PolicyRecord.SIZE;
            for (long i = 0; i < count; i++) {
                Object[] v = {PolicyRecord.policyId(s, i), PolicyRecord.age(s, i), PolicyRecord.gender(s, i), PolicyRecord.sumAssured(s, i),
                        PolicyRecord.premium(s, i), PolicyRecord.term(s, i), PolicyRecord.productType(s, i), PolicyRecord.underwritingClass(s, i)};
                writePolicy(s, i, v, problems);
            }
            uniqueIds(s, count, problems);
        });
    }

    /** Data the application holds as records in a segment: copied into the run's buffer, then checked there. */
    private static InMemoryData copied(String id, DataKind kind, MemorySegment records,
                                       java.util.function.BiConsumer<MemorySegment, Problems> check) {
        return new InMemoryData(id, kind) {
            @Override
            public long records() {
                return records.byteSize() / kind.bufferType().recordSize();
            }

            @Override
            public void write(MemorySegment s, Problems problems) {
                MemorySegment.copy(records, 0, s, 0, s.byteSize());
                check.accept(s, problems);
            }
        };
    }

    private static void uniqueIds(MemorySegment s, long count, Problems p) {
        long[] ids = new long[Math.toIntExact(count)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = PolicyRecord.policyId(s, i);
        }
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                long id = sorted[i];
                int first = -1;
                for (int k = 0; k < ids.length; k++) {
                    if (ids[k] == id) {
                        if (first < 0) {
                            first = k;
                        } else {
                            p.add(k, "policy_id " + Long.toUnsignedString(id) + " appears again (first at row " + (first + 1)
                                    + "); each policy would be valued twice. Give every policy its own id");
                            return;
                        }
                    }
                }
            }
        }
    }

    // ---- scenarios -----------------------------------------------------------------------------

    /** Scenario {@code s} (id {@code s}, from 0), year {@code y + 1}: {@code rates[s][y]}. */
    public static InMemoryData scenarios(String id, double[][] rates) {
        double[][] rows = rates.clone();
        int years = rows.length == 0 || rows[0] == null ? 0 : rows[0].length;
        return generated(id, rows.length, years, (s, y) -> {
            double[] row = rows[s];
            return row == null || row.length != years ? Double.NaN : row[y - 1];
        }, s -> rows[s] == null ? "is null" : rows[s].length != years ? "has " + rows[s].length + " years, scenario 0 has " + years : null);
    }

    public static InMemoryData scenarios(String id, int scenarios, int years, ScenarioRates rates) {
        if (scenarios < 0 || years < 0) {
            throw new IllegalArgumentException("data source '" + id + "': " + scenarios + " scenarios of " + years + " years");
        }
        return generated(id, scenarios, years, rates, s -> null);
    }

    private static InMemoryData generated(String id, int scenarios, int years, ScenarioRates rates,
                                          java.util.function.IntFunction<String> rowProblem) {
        return new InMemoryData(id, DataKind.SCENARIOS) {
            @Override
            public long records() {
                return (long) scenarios * years;
            }

            @Override
            public void write(MemorySegment s, Problems problems) {
                long i = 0;
                for (int sc = 0; sc < scenarios; sc++) {
                    String bad = rowProblem.apply(sc);
                    if (bad != null) {
                        problems.add(i, "scenario " + sc + " " + bad);
                        i += years;
                        continue;
                    }
                    for (int y = 1; y <= years; y++, i++) {
                        double r = rates.rate(sc, y);
                        ScenarioRecord.scenarioId(s, i, sc);
                        ScenarioRecord.year(s, i, y);
                        ScenarioRecord.rate(s, i, rate(r, i, sc, y, problems));
                    }
                }
            }
        };
    }

    private static double rate(double r, long i, long scenario, long year, Problems p) {
        if (!(Double.isFinite(r) && r > -1.0)) {
            p.add(i, "scenario " + scenario + ", year " + year + ": rate = " + r + " is not a finite rate above -1");
            return 0;
        }
        return r;
    }

    /**
     * Scenarios as {@link ScenarioRecord}s in a segment, read when each run starts: grouped by scenario, years
     * 1..N ascending, the same N for every scenario (as a scenarios file must be).
     */
    public static InMemoryData scenarios(String id, MemorySegment records) {
        return copied(id, DataKind.SCENARIOS, records, (s, problems) -> {
            long count = s.byteSize() / ScenarioRecord.SIZE;
            long years = -1;
            long year = 0;
            long current = -1;
            Set<Long> seen = new HashSet<>();
            for (long i = 0; i < count; i++) {
                long sc = ScenarioRecord.scenarioId(s, i);
                long y = ScenarioRecord.year(s, i);
                if (sc != current) {
                    if (current >= 0 && years >= 0 && year != years) {
                        problems.add(i - 1, "scenario " + current + " has " + year + " years, the first scenario has " + years);
                    }
                    if (current >= 0 && years < 0) {
                        years = year;
                    }
                    if (!seen.add(sc)) {
                        problems.add(i, "scenario " + sc + " appears again after other scenarios; records must be grouped by scenario");
                    }
                    current = sc;
                    year = 0;
                }
                year++;
                if (y != year) {
                    problems.add(i, "scenario " + sc + ": year = " + y + ", expected " + year + " (years 1..N ascending)");
                }
                rate(ScenarioRecord.rate(s, i), i, sc, y, problems);
            }
            if (years >= 0 && year != years) {
                problems.add(count - 1, "scenario " + current + " has " + year + " years, the first scenario has " + years);
            }
        });
    }

    /** How the records are sized: a segment must hold whole records. */
    public static String segmentProblem(MemorySegment records, BufferType type) {
        if (records.byteSize() % type.recordSize() != 0) {
            return "a segment of " + records.byteSize() + " bytes is not a whole number of " + type.recordSize() + "-byte "
                    + type.name() + " records";
        }
        return null;
    }
}
