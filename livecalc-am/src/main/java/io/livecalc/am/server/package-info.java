/**
 * A small reference Assumptions Manager server over a folder of tables ({@code livecalc am serve}), for local use
 * and tests: HS256 tokens, per-user table permissions, loopback by default.
 */
package io.livecalc.am.server;
