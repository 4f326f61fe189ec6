package io.livecalc.engines.projection.model;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.engines.projection.internal.BasicTermBasis;
import io.livecalc.engines.projection.internal.TermLanes;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * lifelib's BasicTerm models (basic-term-model.md): monthly term assurance with select mortality, lapse by
 * duration, a zero spot discount curve, inflated maintenance expenses and 100% first-year commission.
 * <ul>
 *   <li>{@link #M} ({@code basic_term}): new business at t = 0, premium solved by formula,
 *       {@code round(1.5 * PV(claims) / PV(pols_if), 2)}; the recursion runs on a vector of model points
 *       at once (lifelib's BasicTerm_M);</li>
 *   <li>{@link #S} ({@code basic_term_s}): the same model one point at a time (BasicTerm_S); gives the
 *       same bits as M;</li>
 *   <li>{@link #ME} ({@code basic_term_me}): in force and future new business ({@code duration_mth}),
 *       {@code policy_count} policies per point, premium from a premium table; vectorised like M, each lane
 *       with its own policy month.</li>
 * </ul>
 * Config keys: {@code mortality_table} ({@code mort_table.csv}), {@code discount_curve}
 * ({@code disc_rate_ann.csv}), {@code premium_table} (ME only), and lifelib's constants
 * {@code loading_prem} (0.5), {@code expense_acq} (300), {@code expense_maint} (60 a year),
 * {@code inflation_rate} (0.01). Premiums are priced on the discount curve also when a run discounts
 * under scenarios.
 */
public final class BasicTermModel implements ProductModel {

    /** The flows, in net cash flow order: premiums - claims - expenses - commissions. */
    private static final List<Flow> FLOWS = List.of(new Flow("premiums", 1), new Flow("claims", -1),
            new Flow("expenses", -1), new Flow("commissions", -1));
    private static final int PREMIUMS = 0, CLAIMS = 1, EXPENSES = 2, COMMISSIONS = 3;
    private static final int LONGEST = 12 * 2 * TermModelPoint.MAX_TERM + 1;

    /** BasicTerm_M, engine type {@code basic_term}. */
    public static final BasicTermModel M = new BasicTermModel("basic_term", Variant.M);
    /** BasicTerm_S, engine type {@code basic_term_s}. */
    public static final BasicTermModel S = new BasicTermModel("basic_term_s", Variant.S);
    /** BasicTerm_ME, engine type {@code basic_term_me}. */
    public static final BasicTermModel ME = new BasicTermModel("basic_term_me", Variant.ME);

    private enum Variant { S, M, ME }

    private final String name;
    private final Variant variant;
    private final TermLanes lanes;

    private BasicTermModel(String name, Variant variant) {
        this(name, variant, null);
    }

    private BasicTermModel(String name, Variant variant, TermLanes lanes) {
        this.name = name;
        this.variant = variant;
        this.lanes = lanes;
    }

    /** This model with BasicTerm_M's and _ME's lanes forced to plain loops ({@code true}) or the Vector API (tests, benchmarks). */
    BasicTermModel withLanes(boolean scalar) {
        return new BasicTermModel(name, variant, scalar ? TermLanes.SCALAR : TermLanes.vector());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return switch (variant) {
            case M -> "lifelib BasicTerm_M: monthly term assurance, new business, premium by formula, vectorised over model points";
            case S -> "lifelib BasicTerm_S: as basic_term, one model point at a time";
            case ME -> "lifelib BasicTerm_ME: monthly term assurance, in force and future new business, premium table, vectorised over model points";
        };
    }

    @Override
    public BufferType modelPointType() {
        return TermModelPoint.TYPE;
    }

    @Override
    public int stepsPerYear() {
        return 12;
    }

    @Override
    public List<Flow> flows() {
        return FLOWS;
    }

    @Override
    public List<String> pointValues() {
        return List.of("premium_pp");
    }

    @Override
    public Set<String> configKeys() {
        return variant == Variant.ME
                ? Set.of("mortality_table", "discount_curve", "premium_table", "loading_prem", "expense_acq", "expense_maint", "inflation_rate")
                : Set.of("mortality_table", "discount_curve", "loading_prem", "expense_acq", "expense_maint", "inflation_rate");
    }

    @Override
    public Basis configure(EngineConfig config) {
        Path mortality = config.getPath("mortality_table");
        Path curve = config.getPath("discount_curve");
        Object[] mort = BasicTermBasis.readMortality(mortality);
        double[] spot = BasicTermBasis.readDiscountCurve(curve);
        double[][] premiums = variant == Variant.ME ? BasicTermBasis.readPremiumTable(config.getPath("premium_table")) : null;
        double loading = config.getDouble("loading_prem", 0.5);
        double acq = config.getDouble("expense_acq", 300);
        double maint = config.getDouble("expense_maint", 60);
        double inflation = config.getDouble("inflation_rate", 0.01);
        for (Map.Entry<String, Double> e : Map.of("loading_prem", loading, "expense_acq", acq, "expense_maint", maint,
                "inflation_rate", inflation + 1).entrySet()) {
            if (!(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new ConfigurationException("engine '" + config.engineId() + "': config key '" + e.getKey() + "' must be a finite "
                        + (e.getKey().equals("inflation_rate") ? "rate > -1" : "value >= 0"));
            }
        }
        BasicTermBasis basis = new BasicTermBasis((double[]) mort[2], (int) mort[0], (int) mort[1], spot, premiums, loading, acq,
                maint, inflation);
        return new Configured(basis, mortality.getFileName().toString(), curve.getFileName().toString(),
                lanes != null ? lanes : TermLanes.preferred());
    }

    private final class Configured implements Basis {
        private final BasicTermBasis basis;
        private final String mortalityFile;
        private final String curveFile;
        private final TermLanes kernel;
        /** Pricing discount factors (the model's own curve), as many months as the curve covers. */
        private final double[] pricing;
        private final double[] maintenance;

        Configured(BasicTermBasis basis, String mortalityFile, String curveFile, TermLanes kernel) {
            this.basis = basis;
            this.mortalityFile = mortalityFile;
            this.curveFile = curveFile;
            this.kernel = kernel;
            this.pricing = BasicTermBasis.discountFactors(basis.spot, Math.min(LONGEST, 12 * basis.spot.length));
            this.maintenance = basis.maintenanceByMonth(LONGEST);
        }

        @Override
        public MemorySegment readModelPoints(Path file, Arena arena) {
            return TermModelPoint.readCsv(file, arena, basis.minAge, basis.maxAge);
        }

        @Override
        public long pointId(MemorySegment points, long i) {
            return TermModelPoint.pointId(points, i);
        }

        @Override
        public String problem(MemorySegment points, long i) {
            int age = TermModelPoint.ageAtEntry(points, i);
            int term = TermModelPoint.policyTerm(points, i);
            int duration = TermModelPoint.durationMonths(points, i);
            double sa = TermModelPoint.sumAssured(points, i);
            double count = TermModelPoint.policyCount(points, i);
            if (age < basis.minAge) {
                return "age_at_entry " + age + " is below the mortality table's first age " + basis.minAge;
            }
            if (term < 1 || term > TermModelPoint.MAX_TERM) {
                return "policy_term " + Integer.toUnsignedString(term) + " is not a term in 1.." + TermModelPoint.MAX_TERM + " years";
            }
            if ((long) age + term - 1 > basis.maxAge) {
                return "age_at_entry " + age + " and policy_term " + term + " run past the mortality table's last age " + basis.maxAge;
            }
            if (TermModelPoint.sex(points, i) > 1) {
                return "sex code " + TermModelPoint.sex(points, i) + " is neither 0 (M) nor 1 (F)";
            }
            if (!(sa >= 0) || Double.isInfinite(sa)) {
                return "sum_assured " + sa + " is not a finite amount >= 0";
            }
            if (!(count >= 0) || Double.isInfinite(count)) {
                return "policy_count " + count + " is not a finite count >= 0";
            }
            if (variant != Variant.ME && duration != 0) {
                return "duration_mth " + duration + " is not 0: " + name + " projects new business only (use basic_term_me)";
            }
            if (duration > 12 * term || duration < -12 * TermModelPoint.MAX_TERM) {
                return "duration_mth " + duration + " is outside " + (-12 * TermModelPoint.MAX_TERM) + ".." + (12 * term);
            }
            if (variant == Variant.ME && Double.isNaN(basis.premiumRates[age][term])) {
                return "the premium table has no rate for age_at_entry " + age + " and policy_term " + term;
            }
            if (variant != Variant.ME && 12 * term > pricing.length - 1) {
                return "policy_term " + term + " is longer than the discount curve (" + (pricing.length / 12) + " years)";
            }
            return null;
        }

        @Override
        public int steps(MemorySegment points, long i) {
            int n = 12 * TermModelPoint.policyTerm(points, i);
            return Math.max(0, n - TermModelPoint.durationMonths(points, i));
        }

        @Override
        public double[] discountFactors(int steps) {
            if (steps > 12 * basis.spot.length) {
                throw new IllegalArgumentException(curveFile + " covers " + basis.spot.length + " years; the model points need "
                        + (steps + 11) / 12);
            }
            // the pricing factors are the same per-month formula: a prefix of them is the curve (no pow per run)
            return steps <= pricing.length ? Arrays.copyOf(pricing, steps) : BasicTermBasis.discountFactors(basis.spot, steps);
        }

        @Override
        public double[] discountFactors(double[] annualRates, int steps) {
            if (steps > 12 * annualRates.length) {
                throw new IllegalArgumentException("the scenario has " + annualRates.length + " years; the model points need "
                        + (steps + 11) / 12);
            }
            return BasicTermBasis.discountFactors(annualRates, steps);
        }

        @Override
        public void project(MemorySegment points, long first, int lanes, int steps, double[][] flows, double[][] values) {
            switch (variant) {
                case M -> projectLanes(points, first, lanes, steps, flows, values[0]);
                case S -> {
                    for (int j = 0; j < lanes; j++) {
                        projectOne(points, first + j, j, lanes, steps, flows, values[0]);
                    }
                }
                case ME -> {
                    for (int j = 0; j < lanes; j++) {
                        projectInForce(points, first + j, j, lanes, steps, flows, values[0]);
                    }
                }
            }
        }

        /**
         * BasicTerm_M with the discounting fused in, when {@code df} is the pricing curve: the recursion discounts
         * claims, policies in force and expenses as it goes (the premium needs PV(claims) and PV(pols_if) anyway),
         * then one pass over the pols_if row discounts premiums, commissions being the first year's premiums
         * (the running sum after month 11: later commission months add {@code 0 * df = +0.0}). Every present
         * value is the same sum in the same order as the engine's, so the numbers are those of {@link #project}.
         */
        @Override
        public boolean projectPresentValues(MemorySegment points, long first, int lanes, int steps, double[] df,
                                            double[][] flows, double[][] values, double[][] pv) {
            if (variant == Variant.S || steps > pricing.length || df.length < steps
                    || !Arrays.equals(df, 0, steps, pricing, 0, steps)) {
                return false;
            }
            if (variant == Variant.ME) {
                inForcePresentValues(points, first, lanes, steps, values[0], pv);
                return true;
            }
            double[] premiumPp = values[0];
            double[] pif = flows[PREMIUMS];
            double[] sa = flows[CLAIMS]; // scratch rows; the claims and expenses rows are not needed
            int[] row = new int[lanes];
            int[] maturity = new int[lanes];
            lanePoints(points, first, lanes, row, maturity, sa);
            double[] pvPif = flows[EXPENSES];
            kernel.project(basis.monthlyMortality, row, basis.monthlyLapse, maturity, sa, pricing, maintenance, basis.acquisition,
                    lanes, steps, pif, null, null, pv[CLAIMS], pvPif, pv[EXPENSES]);
            for (int j = 0; j < lanes; j++) {
                premiumPp[j] = premium(pv[CLAIMS][j], pvPif[j]);
            }
            kernel.premiums(premiumPp, pif, pricing, lanes, steps, Math.min(12, steps), pv[PREMIUMS], pv[COMMISSIONS]);
            return true;
        }

        /** BasicTerm_ME's lanes, discounted on the pricing curve as they go (the engine's sums, same bits). */
        private void inForcePresentValues(MemorySegment points, long first, int lanes, int steps, double[] premiumPp, double[][] pv) {
            int[] row = new int[lanes];
            int[] start = new int[lanes];
            int[] maturity = new int[lanes];
            double[] count = new double[lanes];
            double[] sa = new double[lanes];
            for (int j = 0; j < lanes; j++) {
                long i = first + j;
                int age = TermModelPoint.ageAtEntry(points, i);
                int term = TermModelPoint.policyTerm(points, i);
                row[j] = (age - basis.minAge) * BasicTermBasis.SELECT_YEARS;
                start[j] = TermModelPoint.durationMonths(points, i);
                maturity[j] = 12 * term;
                count[j] = TermModelPoint.policyCount(points, i);
                sa[j] = TermModelPoint.sumAssured(points, i);
                premiumPp[j] = Math.rint(sa[j] * basis.premiumRates[age][term] * 100) / 100;
            }
            kernel.projectInForce(basis.monthlyMortality, row, basis.monthlyLapse, start, maturity, count, sa, premiumPp, pricing,
                    maintenance, basis.acquisition, lanes, steps, pv);
        }

        private void lanePoints(MemorySegment points, long first, int lanes, int[] row, int[] maturity, double[] sa) {
            for (int j = 0; j < lanes; j++) {
                row[j] = (TermModelPoint.ageAtEntry(points, first + j) - basis.minAge) * BasicTermBasis.SELECT_YEARS;
                maturity[j] = 12 * TermModelPoint.policyTerm(points, first + j);
                sa[j] = TermModelPoint.sumAssured(points, first + j);
            }
        }

        /** BasicTerm_M: the recursion over a vector of points, then premiums and commissions. */
        private void projectLanes(MemorySegment points, long first, int lanes, int steps, double[][] flows, double[] premiumPp) {
            int[] row = new int[lanes];
            int[] maturity = new int[lanes];
            double[] sa = new double[lanes];
            lanePoints(points, first, lanes, row, maturity, sa);
            double[] pvClaims = new double[lanes];
            double[] pvPif = new double[lanes];
            kernel.project(basis.monthlyMortality, row, basis.monthlyLapse, maturity, sa, pricing, maintenance, basis.acquisition,
                    lanes, steps, flows[PREMIUMS], flows[CLAIMS], flows[EXPENSES], pvClaims, pvPif, null);
            for (int j = 0; j < lanes; j++) {
                premiumPp[j] = premium(pvClaims[j], pvPif[j]);
            }
            double[] p = flows[PREMIUMS];
            double[] c = flows[COMMISSIONS];
            for (int t = 0; t < steps; t++) {
                int k = t * lanes;
                for (int j = 0; j < lanes; j++) {
                    p[k + j] = premiumPp[j] * p[k + j];
                }
            }
            int firstYear = Math.min(12, steps) * lanes; // 100% commission on first-year premiums
            System.arraycopy(p, 0, c, 0, firstYear);
            Arrays.fill(c, firstYear, steps * lanes, 0.0);
        }

        /** BasicTerm_S: one model point, the formulas of basic-term-model.md in their order. */
        private void projectOne(MemorySegment points, long i, int j, int lanes, int steps, double[][] flows, double[] premiumPp) {
            int age = TermModelPoint.ageAtEntry(points, i);
            int n = 12 * TermModelPoint.policyTerm(points, i);
            double sa = TermModelPoint.sumAssured(points, i);
            double[] pif = flows[PREMIUMS];
            double[] claims = flows[CLAIMS];
            double[] expenses = flows[EXPENSES];
            double polsIf = 1.0;
            double pvClaims = 0.0;
            double pvPolsIf = 0.0;
            for (int t = 0; t < n; t++) {
                int duration = t / 12;
                double deaths = polsIf * basis.mortality(age + duration, duration);
                double claim = deaths * sa;
                double lapses = (polsIf - deaths) * basis.lapse(duration);
                pvClaims = pvClaims + claim * pricing[t];
                pvPolsIf = pvPolsIf + polsIf * pricing[t];
                double e = polsIf * maintenance[t];
                if (t == 0) {
                    e = basis.acquisition * polsIf + e;
                }
                int k = t * lanes + j;
                pif[k] = polsIf;
                claims[k] = claim;
                expenses[k] = e;
                polsIf = (polsIf - lapses) - deaths;
            }
            double premium = premium(pvClaims, pvPolsIf);
            premiumPp[j] = premium;
            for (int t = 0; t < steps; t++) {
                int k = t * lanes + j;
                if (t < n) {
                    pif[k] = premium * pif[k];
                    flows[COMMISSIONS][k] = t < 12 ? pif[k] : 0.0;
                } else {
                    pif[k] = 0.0;
                    claims[k] = 0.0;
                    expenses[k] = 0.0;
                    flows[COMMISSIONS][k] = 0.0;
                }
            }
        }

        /** {@code round((1 + loading) * PV(claims) / PV(pols_if), 2)} as numpy's {@code around}: rint(x * 100) / 100. */
        private double premium(double pvClaims, double pvPolsIf) {
            return Math.rint((1 + basis.loading) * (pvClaims / pvPolsIf) * 100) / 100;
        }

        /** BasicTerm_ME: one model point in force (duration_mth > 0) or issued at or after t = 0. */
        private void projectInForce(MemorySegment points, long i, int j, int lanes, int steps, double[][] flows, double[] premiumPp) {
            int age = TermModelPoint.ageAtEntry(points, i);
            int term = TermModelPoint.policyTerm(points, i);
            int n = 12 * term;
            int duration0 = TermModelPoint.durationMonths(points, i);
            double count = TermModelPoint.policyCount(points, i);
            double sa = TermModelPoint.sumAssured(points, i);
            double premium = Math.rint(sa * basis.premiumRates[age][term] * 100) / 100;
            premiumPp[j] = premium;
            double beforeMaturity = duration0 > 0 ? count : 0.0;
            for (int t = 0; t < steps; t++) {
                int k = t * lanes + j;
                int month = duration0 + t;
                if (month < 0 || month >= n) {
                    // not issued yet, or matured (at month == n every remaining policy matures: nothing in force)
                    flows[PREMIUMS][k] = 0.0;
                    flows[CLAIMS][k] = 0.0;
                    flows[EXPENSES][k] = 0.0;
                    flows[COMMISSIONS][k] = 0.0;
                    continue;
                }
                double newBusiness = month == 0 ? count : 0.0;
                double inForce = beforeMaturity + newBusiness;
                int duration = month / 12;
                double deaths = inForce * basis.mortality(age + duration, duration);
                double lapses = (inForce - deaths) * basis.lapse(duration);
                double prem = premium * inForce;
                flows[PREMIUMS][k] = prem;
                flows[CLAIMS][k] = deaths * sa;
                flows[EXPENSES][k] = basis.acquisition * newBusiness + inForce * maintenance[t];
                flows[COMMISSIONS][k] = duration == 0 ? prem : 0.0;
                beforeMaturity = (inForce - lapses) - deaths;
            }
        }

        @Override
        public Map<String, Object> report() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", name);
            r.put("kernel", variant == Variant.S ? "scalar, one point at a time" : kernel.name());
            r.put("mortality_table", mortalityFile);
            r.put("discount_curve", curveFile);
            r.put("mortality_ages", Arrays.asList(basis.minAge, basis.maxAge));
            return r;
        }
    }
}
