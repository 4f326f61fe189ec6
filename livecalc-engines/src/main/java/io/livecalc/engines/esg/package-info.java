/**
 * The economic scenario generator engine ({@code esg}): Vasicek, CIR and Hull-White short-rate paths, nested
 * outer/inner scenarios, reproducible per-path random streams.
 */
package io.livecalc.engines.esg;
