/**
 * Assumption tables as values (mortality, lapse, expenses) and where they come from: files in a folder or
 * {@code assumptions://} references resolved through the Assumptions Manager, recording which version each
 * reference resolved to.
 */
package io.livecalc.engines.assumptions;
