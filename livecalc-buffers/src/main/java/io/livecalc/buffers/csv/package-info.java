/**
 * CSV files of the original system's formats into record buffers: policies ({@link io.livecalc.buffers.csv.PolicyCsv})
 * and scenarios in long or wide form ({@link io.livecalc.buffers.csv.ScenarioCsv}), with errors naming file, line,
 * column and value.
 */
package io.livecalc.buffers.csv;
