package io.livecalc.engines.projection;

/**
 * One policy as the projection sees it (an INPUT record), handed to {@link ScenarioAdjustment}s.
 *
 * @param policyId          unsigned 64-bit id
 * @param age               entry age, 0..120
 * @param gender            0 male, 1 female
 * @param sumAssured        death benefit
 * @param premium           annual level premium
 * @param term              term in years (projected up to 50)
 * @param productType       0 term, 1 whole life, 2 endowment
 * @param underwritingClass 0 standard, 1 smoker, 2 non-smoker, 3 preferred, 4 substandard
 */
public record Policy(long policyId, int age, int gender, double sumAssured, double premium, long term, int productType,
                     int underwritingClass) {
}
