/**
 * Machinery shared by the engines (config problem collection, parallel blocks, Vector API detection); not API.
 */
package io.livecalc.engines.internal;
