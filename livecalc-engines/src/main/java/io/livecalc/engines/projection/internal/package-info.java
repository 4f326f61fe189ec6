/**
 * Projection machinery, not API: the lane kernels (Vector API and scalar), per-chunk projection, scenario grids,
 * the parsed projection config and BasicTerm's precomputed basis. Public only so the engine packages can reach it;
 * nothing outside livecalc-engines may use it (checked by the architecture test).
 */
package io.livecalc.engines.projection.internal;
