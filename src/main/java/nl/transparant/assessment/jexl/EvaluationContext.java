package nl.transparant.assessment.jexl;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an expression sees while it is evaluated: the context variables (jexl's context object) and the
 * services that functions need, such as the answers of a questionnaire.
 */
public final class EvaluationContext {

    private final Map<String, Object> variables;
    private final Map<Class<?>, Object> services;

    private EvaluationContext(Map<String, Object> variables, Map<Class<?>, Object> services) {
        this.variables = variables;
        this.services = services;
    }

    /** Variables are converted once with {@link JsSemantics#fromJava}; within one context an array keeps its identity. */
    public static EvaluationContext of(Map<String, ?> variables) {
        Map<String, Object> converted = new LinkedHashMap<>();
        variables.forEach((name, value) -> converted.put(name, JsSemantics.fromJava(value)));
        return new EvaluationContext(Collections.unmodifiableMap(converted), Map.of());
    }

    public static EvaluationContext empty() {
        return of(Map.of());
    }

    public <T> EvaluationContext with(Class<T> type, T service) {
        Map<Class<?>, Object> more = new HashMap<>(services);
        more.put(type, service);
        return new EvaluationContext(variables, Map.copyOf(more));
    }

    public <T> T service(Class<T> type) {
        Object service = services.get(type);
        if (service == null) {
            throw new IllegalStateException("No " + type.getSimpleName() + " in this evaluation context");
        }
        return type.cast(service);
    }

    /** The variable's value, or {@link Undefined#UNDEFINED} when the context does not have it. */
    public Object variable(String name) {
        return variables.containsKey(name) ? variables.get(name) : Undefined.UNDEFINED;
    }

    Map<String, Object> variables() {
        return variables;
    }
}
