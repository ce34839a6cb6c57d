package nl.transparant.assessment.internal;

import static nl.transparant.assessment.jexl.Undefined.UNDEFINED;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.assessment.jexl.ExpressionFunction;
import nl.transparant.assessment.jexl.ExpressionLanguage;
import nl.transparant.assessment.jexl.JsSemantics;
import nl.transparant.assessment.jexl.JsSemantics.JsTypeError;

/**
 * The functions and transforms of the government's assessment definitions, with the semantics of the DPIA form
 * tool (MinBZK/par-dpia-form) as the standards README states them. Add a function here to offer it to every
 * definition; an expression naming one that is not here is refused when its definition loads.
 */
public final class AssessmentLanguage {

    private AssessmentLanguage() {
    }

    /** For assessment definitions: everything, including the functions that read the answers. */
    public static ExpressionLanguage forDefinitions() {
        ExpressionLanguage.Builder builder = ExpressionLanguage.builder()
                .function(new ExpressionFunction("answers", 1, 1, (arguments, context) ->
                        answer(arguments.get(0), context.service(AnswerLookup.class))))
                .function(new ExpressionFunction("countSelectedOptions", 1, 1, (arguments, context) ->
                        count(answer(arguments.get(0), context.service(AnswerLookup.class)))));
        return withPureFunctions(builder).build();
    }

    /** For decision trees: no questionnaire to read, only the pure functions. */
    public static ExpressionLanguage forDecisionTrees() {
        return withPureFunctions(ExpressionLanguage.builder()).build();
    }

    private static ExpressionLanguage.Builder withPureFunctions(ExpressionLanguage.Builder builder) {
        return builder
                .function(new ExpressionFunction("bool", 1, 1, (arguments, context) -> bool(arguments.get(0))))
                .function(new ExpressionFunction("weightedCountMap", 3, 3, (arguments, context) ->
                        weightedCountMap(arguments.get(0), arguments.get(1), arguments.get(2))))
                .function(new ExpressionFunction("criteriaCheck", 1, 1, (arguments, context) ->
                        criteriaCheck(arguments.get(0))))
                .transform(new ExpressionFunction("count", 0, 0, (arguments, context) -> count(arguments.get(0))));
    }

    /**
     * As the tool reads an answer: only a text names a task (it compares ids with ===), and a falsy answer (false,
     * '', 0) reads as null, because the tool's answer store returns {@code value || null}.
     */
    private static Object answer(Object taskId, AnswerLookup answers) {
        if (!(taskId instanceof String id)) {
            return null;
        }
        Object answer = answers.answer(id);
        return JsSemantics.isTruthy(answer) ? answer : null;
    }

    /** {@code x | count} and {@code countSelectedOptions}: a list's length, 0 for anything else. */
    static double count(Object value) {
        return value instanceof List<?> list ? list.size() : 0;
    }

    /** {@code bool(x)}: true only for true or the text 'true'. */
    static boolean bool(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    /**
     * The sum of the weights of the selected values: {@code keys[i]} weighs {@code weights[i] || 0}; a value
     * that is no key weighs 0; not a list of values gives 0. The sum is built with JavaScript's {@code +}, as
     * the tool does (a weight written as text would concatenate). Missing keys or weights fail, as in the tool.
     */
    static Object weightedCountMap(Object values, Object keys, Object weights) {
        if (!(values instanceof List<?> selected)) {
            return 0.0;
        }
        Map<String, Object> weightOf = new HashMap<>();
        int keyCount = (int) JsSemantics.toNumber(JsSemantics.property(keys, "length"));
        for (int i = 0; i < keyCount; i++) {
            Object key = JsSemantics.property(keys, (double) i);
            Object weight = JsSemantics.property(weights, (double) i);
            weightOf.put(JsSemantics.toJsString(key), JsSemantics.isTruthy(weight) ? weight : 0.0);
        }
        Object total = 0.0;
        for (Object value : new ArrayList<>(selected)) {
            Object weight = weightOf.getOrDefault(JsSemantics.toJsString(value), UNDEFINED);
            total = JsSemantics.add(total, JsSemantics.isTruthy(weight) ? weight : 0.0);
        }
        return total;
    }

    /** True as soon as one value of the object (one criterion) is exactly true. */
    static boolean criteriaCheck(Object criteria) {
        if (criteria == null || criteria == UNDEFINED) {
            throw new JsTypeError("criteriaCheck needs an object, not " + JsSemantics.toJsString(criteria));
        }
        if (criteria instanceof Map<?, ?> object) {
            return object.values().stream().anyMatch(Boolean.TRUE::equals);
        }
        if (criteria instanceof List<?> array) {
            return array.stream().anyMatch(Boolean.TRUE::equals);
        }
        return false;
    }
}
