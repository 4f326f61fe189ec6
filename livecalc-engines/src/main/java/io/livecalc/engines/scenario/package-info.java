/**
 * Scenario sets and the original CLI's GBM generator (mt19937_64, reproduced bit for bit).
 */
package io.livecalc.engines.scenario;
