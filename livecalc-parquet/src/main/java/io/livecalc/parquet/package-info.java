/**
 * Parquet and CSV files to and from LiveCalc buffers.
 *
 * <ul>
 *   <li>{@link io.livecalc.parquet.ParquetFiles}: read policies/scenarios into INPUT/SCENARIO buffers, write
 *       results (RESULT or RESULT_DETAIL), scenario totals, policies and scenarios; row counts from the footer.</li>
 *   <li>{@link io.livecalc.parquet.ParquetRecordReader} / {@link io.livecalc.parquet.ParquetRecordWriter}:
 *       batch-by-batch reading into a reused buffer and chunk-by-chunk atomic writing, for files larger than memory.</li>
 *   <li>{@link io.livecalc.parquet.ArrowBuffers}: buffers as Arrow {@code VectorSchemaRoot}s and back.</li>
 *   <li>{@link io.livecalc.parquet.CsvParquetConverter}: the projection model's CSV formats to Parquet and back.</li>
 *   <li>{@link io.livecalc.parquet.ParquetFormatException}, an {@link io.livecalc.api.DataFileException}: user
 *       errors with messages naming file, row, column and value. CSV parsing is livecalc-buffers'
 *       {@code io.livecalc.buffers.csv}.</li>
 * </ul>
 *
 * <p>Parquet-MR 1.18 is used without Hadoop's dependency tree: two Hadoop jars (API only) and a
 * package-private JNI codec factory (zstd-jni, snappy-java, java.util.zip); see build-recipe.md §3.
 */
package io.livecalc.parquet;
