package io.livecalc.engines.projection.model;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ICalcEngine;

import java.util.List;
import java.util.Objects;

/**
 * Registers a {@link ProductModel} as an engine type (the model's name) through ServiceLoader. A subclass
 * with a public no-argument constructor per model, listed in {@code META-INF/services/io.livecalc.api.EngineProvider}:
 *
 * <pre>{@code
 * public final class MyModelProvider extends ProductModelEngineProvider {
 *     public MyModelProvider() { super(new MyModel()); }
 * }
 * }</pre>
 */
public abstract class ProductModelEngineProvider implements EngineProvider {

    private final ProductModel model;

    protected ProductModelEngineProvider(ProductModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public String type() {
        return model.name();
    }

    @Override
    public EngineInfo describe() {
        return new ProductModelEngine(model).getInfo();
    }

    @Override
    public List<ConfigProblem> checkConfig(EngineConfig config) {
        return ProductModelEngine.checkConfig(model, config);
    }

    @Override
    public ICalcEngine create() {
        return new ProductModelEngine(model);
    }

    /** {@code basic_term}: lifelib's BasicTerm_M. */
    public static final class BasicTerm extends ProductModelEngineProvider {
        public BasicTerm() {
            super(BasicTermModel.M);
        }
    }

    /** {@code basic_term_s}: lifelib's BasicTerm_S. */
    public static final class BasicTermS extends ProductModelEngineProvider {
        public BasicTermS() {
            super(BasicTermModel.S);
        }
    }

    /** {@code basic_term_me}: lifelib's BasicTerm_ME. */
    public static final class BasicTermMe extends ProductModelEngineProvider {
        public BasicTermMe() {
            super(BasicTermModel.ME);
        }
    }
}
