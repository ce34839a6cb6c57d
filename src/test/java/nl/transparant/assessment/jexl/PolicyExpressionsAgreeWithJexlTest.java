package nl.transparant.assessment.jexl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import nl.transparant.assessment.internal.AnswerLookup;
import nl.transparant.assessment.internal.AssessmentLanguage;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every expression of the assessment definitions we ship (and of the test definitions), evaluated by our evaluator
 * and by the npm jexl package with the form tool's functions ({@link JexlReference}), for random answers drawn from
 * each task's own options, random scores and random criteria. The two must agree on each. This checks the
 * expression language on the expressions that decide cases; which answers count (hidden tasks) is the evaluator's
 * business and a listed difference (docs/policy-author/expressions.md), so the answers are given to both as they are.
 */
class PolicyExpressionsAgreeWithJexlTest {

    private static final long SEED = 20261206L;
    private static final int ANSWER_SETS = 60;
    private static final ExpressionLanguage LANGUAGE = AssessmentLanguage.forDefinitions();
    private static final List<Object> FREE_TEXT = List.of("", "tekst", "true", "0");

    /** What one definition file gives the test: its expressions, its tasks' possible answers, its score and criterion names. */
    private record Definition(Path file, List<String> expressions, Map<String, Task> tasks, Set<String> scoreKeys,
            Set<String> criteria) {
    }

    private record Task(List<Object> options, boolean several) {
    }

    @Test
    void everyExpressionOfTheDefinitionsEvaluatesAsJexlDoes() throws IOException {
        Random random = new Random(SEED);
        List<String> sources = new ArrayList<>();
        List<Map<String, Object>> contexts = new ArrayList<>();
        List<Map<String, Object>> answerSets = new ArrayList<>();
        List<String> where = new ArrayList<>();
        int expressions = 0;
        for (Definition definition : definitions()) {
            expressions += definition.expressions().size();
            for (int set = 0; set < ANSWER_SETS; set++) {
                Map<String, Object> answers = answers(definition, random);
                Map<String, Object> context = context(definition, random);
                for (String expression : definition.expressions()) {
                    sources.add(expression);
                    contexts.add(context);
                    answerSets.add(answers);
                    where.add(definition.file() + ", answer set " + set);
                }
            }
        }
        assertThat(expressions).as("expressions found in the definitions").isGreaterThan(50);

        List<JexlReference.Case> cases = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            cases.add(new JexlReference.Case(sources.get(i), contexts.get(i), answerSets.get(i)));
        }
        List<JexlReference.Outcome> reference = JexlReference.evaluate(cases);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < sources.size() && disagreements.size() < 20; i++) {
            Object ours = JexlReference.ours(LANGUAGE, sources.get(i), ours(contexts.get(i), answerSets.get(i)));
            String disagreement = JexlReference.disagreement(ours, reference.get(i));
            if (disagreement != null) {
                disagreements.add(where.get(i) + ": `" + sources.get(i) + "` " + disagreement + "; we give "
                        + JexlReference.render(ours) + ", jexl " + reference.get(i) + "; answers " + answerSets.get(i)
                        + ", context " + contexts.get(i));
            }
        }
        assertThat(disagreements).as("definition expressions where our evaluator and npm jexl disagree").isEmpty();
        assertThat(reference).as("jexl parsed and evaluated every definition expression").allMatch(outcome -> outcome.failure() == null);
    }

    private static EvaluationContext ours(Map<String, Object> variables, Map<String, Object> answers) {
        Map<String, Object> converted = new LinkedHashMap<>();
        answers.forEach((id, value) -> converted.put(id, JsSemantics.fromJava(value)));
        AnswerLookup lookup = converted::get;
        return EvaluationContext.of(variables).with(AnswerLookup.class, lookup);
    }

    /** For each task: no answer, or one of its options (several for a checkbox task), or some text when it has none. */
    private static Map<String, Object> answers(Definition definition, Random random) {
        Map<String, Object> answers = new LinkedHashMap<>();
        definition.tasks().forEach((id, task) -> {
            if (random.nextInt(4) == 0) {
                return;
            }
            List<Object> choices = task.options().isEmpty() ? FREE_TEXT : task.options();
            if (task.several()) {
                List<Object> selected = new ArrayList<>();
                choices.forEach(option -> {
                    if (random.nextInt(3) == 0) {
                        selected.add(option);
                    }
                });
                answers.put(id, selected);
            } else {
                answers.put(id, choices.get(random.nextInt(choices.size())));
            }
        });
        return answers;
    }

    /**
     * {@code scores} with some of the definition's score keys set, {@code criteria} with some criteria true (as the
     * tool defines only the ones that held), and each score key as a variable of its own, as a riskScore step sees it.
     */
    private static Map<String, Object> context(Definition definition, Random random) {
        Map<String, Object> scores = new LinkedHashMap<>();
        Map<String, Object> context = new LinkedHashMap<>();
        for (String key : definition.scoreKeys()) {
            if (random.nextInt(4) != 0) {
                scores.put(key, random.nextInt(10));
            }
            context.put(key, random.nextInt(4) == 0 ? random.nextInt(3) * 2.5 : random.nextInt(10));
        }
        Map<String, Object> criteria = new LinkedHashMap<>();
        for (String id : definition.criteria()) {
            if (random.nextBoolean()) {
                criteria.put(id, true);
            }
        }
        context.put("scores", scores);
        context.put("criteria", criteria);
        return context;
    }

    private static List<Definition> definitions() throws IOException {
        List<Definition> definitions = new ArrayList<>();
        for (Path folder : List.of(Path.of("policies", "assessments"), Path.of("src", "test", "resources", "assessment", "definitions"))) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
                    definitions.add(read(file));
                }
            }
        }
        assertThat(definitions).as("assessment definitions").isNotEmpty();
        return definitions;
    }

    private static Definition read(Path file) throws IOException {
        Object yaml;
        try (InputStream in = Files.newInputStream(file)) {
            yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Definition definition = new Definition(file, new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashSet<>(),
                new LinkedHashSet<>());
        walk(yaml, null, definition);
        if (yaml instanceof Map<?, ?> root && root.get("outputs") instanceof Map<?, ?> outputs) {
            outputs.values().forEach(expression -> definition.expressions().add(String.valueOf(expression)));
        }
        return definition;
    }

    /** Collects expressions ({@code expression}, {@code when}), tasks with their options, score keys and criterion ids. */
    private static void walk(Object node, String key, Definition definition) {
        if (node instanceof List<?> list) {
            list.forEach(element -> walk(element, key, definition));
            return;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        if (map.get("id") != null && map.get("type") instanceof List<?> types && map.containsKey("task")) {
            List<Object> options = new ArrayList<>();
            if (map.get("options") instanceof List<?> written) {
                written.forEach(option -> options.add(option instanceof Map<?, ?> o ? o.get("value") : option));
            }
            definition.tasks().put(String.valueOf(map.get("id")), new Task(options, types.contains("checkbox_option")));
        }
        if ("criteria".equals(key) && map.get("id") != null) {
            definition.criteria().add(String.valueOf(map.get("id")));
        }
        if (map.get("scoreKey") != null) {
            definition.scoreKeys().add(String.valueOf(map.get("scoreKey")));
        }
        map.forEach((name, value) -> {
            if (("expression".equals(name) || "when".equals(name)) && value instanceof String expression) {
                definition.expressions().add(expression);
            } else if (!"outputs".equals(name)) {
                walk(value, String.valueOf(name), definition);
            }
        });
    }
}
