package io.livecalc.engines.projection;

import io.livecalc.api.ValuationResult;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.projection.internal.TermLanes;
import java.nio.file.Path;

/** Child-JVM program for {@link VectorModuleFallbackTest}: prints the kernel and the totals' mean bits. */
public final class ScalarFallbackProbe {
    public static void main(String[] args) throws ClassNotFoundException {
        // every engine kind that chooses kernels: the BasicTerm lanes and the ESG's normal draws too (one warning in all)
        System.out.println("basic_term_lanes=" + TermLanes.preferred().getClass().getSimpleName());
        Class.forName("io.livecalc.engines.esg.NormalDraws$Holder", true, ScalarFallbackProbe.class.getClassLoader());
        ProjectionEngine engine = new ProjectionEngine();
        System.out.println("kernel=" + engine.kernelName());
        ValuationResult r = Projection.builder()
                .policies(ReferenceData.upstream("policies_10000.csv"))
                .mortality(ReferenceData.upstream("sample_mortality.csv").toString())
                .lapse(ReferenceData.upstream("sample_lapse.csv").toString())
                .expenses(ReferenceData.upstream("sample_expenses.csv").toString())
                .scenariosFile(Path.of(ReferenceData.upstream("sample_scenarios.csv").toString()))
                .threads(2).run();
        StringBuilder bits = new StringBuilder("totals=");
        for (double d : r.scenarioNpvs()) {
            bits.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(',');
        }
        System.out.println(bits);
    }

    private ScalarFallbackProbe() {
    }
}
