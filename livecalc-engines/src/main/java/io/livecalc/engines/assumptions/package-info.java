/**
 * Resolves an engine's assumption table settings (files or {@code assumptions://} references) to tables, recording
 * which version each reference resolved to.
 */
package io.livecalc.engines.assumptions;
