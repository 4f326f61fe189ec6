/**
 * The projection engines: the original system's annual model ({@code projection}, Vector API kernels with a scalar
 * fallback) and its valuation output; the policy and scenario-adjustment types they take. lifelib's BasicTerm
 * models live in {@link io.livecalc.engines.projection.model}, the assumption tables in
 * {@link io.livecalc.engines.assumptions}.
 */
package io.livecalc.engines.projection;
