/**
 * Engines written in Python ({@code python}, {@code python_esg}, {@code python_solver}), run in child processes
 * over the same shared-memory buffers (numpy views, no copies), with timeouts, crash and hang handling.
 */
package io.livecalc.engines.python;
