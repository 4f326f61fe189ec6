/**
 * Machinery, not API: running a pipeline. Engine lifecycle (timeouts, retries, events), the pipeline's kept buffers,
 * output sinks (Parquet, CSV), the run summary.
 */
package io.livecalc.orchestrator.run;
