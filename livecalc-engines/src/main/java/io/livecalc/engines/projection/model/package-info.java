/**
 * Product models run one point at a time or in lanes: the {@link io.livecalc.engines.projection.model.ProductModel}
 * contract, its engine ({@code basic_term}, {@code basic_term_s}, {@code basic_term_me}) and lifelib's BasicTerm
 * models. Add a model here and register a provider in {@code META-INF/services/io.livecalc.api.EngineProvider}.
 */
package io.livecalc.engines.projection.model;
