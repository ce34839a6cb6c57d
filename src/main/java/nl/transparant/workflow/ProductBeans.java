package nl.transparant.workflow;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;

/**
 * The beans an expression in a deployed process or policy may name ({@code ${publishEntry}}, a
 * {@code camunda:delegateExpression}): the product's delegates and listeners, nothing else of the application
 * context. Without this list Camunda's Spring integration resolves any bean by name, so an expression could reach the
 * decision log's data source or any service. {@code DeployedFileRulesTest} checks that the files in
 * {@code processes/} and {@code policies/} name no other bean.
 *
 * <p>A map that looks the beans up when an expression first asks, not when the engine is built: the delegates
 * themselves need the engine's services.
 */
class ProductBeans extends AbstractMap<Object, Object> {

    static final Set<String> NAMES = Set.of("publishEntry", "retireEntry", "reReview", "problemReportHandled", "problemReportReminder");

    private final ApplicationContext context;

    ProductBeans(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean containsKey(Object name) {
        return NAMES.contains(name);
    }

    @Override
    public Object get(Object name) {
        return NAMES.contains(name) ? context.getBean((String) name) : null;
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return NAMES.stream().map(name -> Map.entry((Object) name, context.getBean(name))).collect(Collectors.toSet());
    }
}
