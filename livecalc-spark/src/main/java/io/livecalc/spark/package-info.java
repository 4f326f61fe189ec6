/**
 * Runs a pipeline's projection stage on Apache Spark: policies partitioned by index range, scenarios and
 * assumptions broadcast, totals summed on the driver in partition order.
 */
package io.livecalc.spark;
