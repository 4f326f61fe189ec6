/**
 * Machinery, not API: running a pipeline. The plan, local and stage execution, engine events, the pipeline's kept buffers,
 * the output sink (Parquet), the run summary.
 */
package io.livecalc.orchestrator.run;
