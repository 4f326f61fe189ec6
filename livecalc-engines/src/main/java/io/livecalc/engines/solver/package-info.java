/**
 * The solver engine ({@code solver}): finds the parameters that make a downstream objective hit its target
 * (Brent, secant, Newton, bisection, Nelder-Mead, BOBYQA; Hipparchus underneath), with constraints, limits and a partial result.
 */
package io.livecalc.engines.solver;
