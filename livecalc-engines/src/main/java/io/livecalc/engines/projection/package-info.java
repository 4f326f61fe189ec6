/**
 * The projection engines: the original system's annual model ({@code projection}, Vector API kernels with a scalar
 * fallback) and lifelib's BasicTerm models ({@code basic_term}, {@code basic_term_s}, {@code basic_term_me});
 * assumption tables, product models and the valuation output.
 */
package io.livecalc.engines.projection;
