/**
 * The engine contract every LiveCalc engine implements and the types that cross engine boundaries.
 *
 * <p>{@link io.livecalc.api.ICalcEngine} (initialise, run over off-heap input and output segments, dispose) with
 * {@link io.livecalc.api.EngineInfo} and {@link io.livecalc.api.PortSpec} describing its ports;
 * {@link io.livecalc.api.EngineProvider} registers an engine type through {@link java.util.ServiceLoader};
 * {@link io.livecalc.api.EngineConfig} reads typed config values with located errors. The record layouts
 * ({@link io.livecalc.api.PolicyRecord}, {@link io.livecalc.api.ScenarioRecord}, {@link io.livecalc.api.ResultRecord}, ...)
 * fix the bytes engines exchange; {@link io.livecalc.api.BufferType} names them. Exceptions separate a user's
 * bad input ({@link io.livecalc.api.ConfigurationException}, {@link io.livecalc.api.DataFileException}) from
 * engine failures. {@link io.livecalc.api.LivecalcHome} is where LiveCalc keeps a user's state.
 */
package io.livecalc.api;
