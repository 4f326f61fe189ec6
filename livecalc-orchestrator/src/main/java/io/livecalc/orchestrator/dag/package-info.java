/**
 * The DAG model a pipeline is made of: data sources, engines and their wires, the output. Immutable records, the same
 * whether a pipeline came from the builder or from a JSON DAG file.
 */
package io.livecalc.orchestrator.dag;
