/**
 * The run report: a self-contained HTML page (inline SVG charts, no scripts, fonts or network) made from a
 * pipeline run's JSON summary, see {@link io.livecalc.orchestrator.report.RunReport}.
 */
package io.livecalc.orchestrator.report;
