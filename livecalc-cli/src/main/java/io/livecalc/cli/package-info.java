/**
 * The {@code livecalc} command line: {@code run}, {@code validate}, {@code project}, {@code convert}, {@code generate},
 * Assumptions Manager login; not API.
 */
package io.livecalc.cli;
