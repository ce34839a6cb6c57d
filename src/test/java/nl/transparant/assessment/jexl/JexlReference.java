package nl.transparant.assessment.jexl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The test oracle: the npm {@code jexl} package itself (pinned by {@code src/test/jexl/package-lock.json}), with the
 * functions and transform the government's DPIA form tool registers ({@code src/test/jexl/reference.mjs}). One node
 * process evaluates a whole batch. Needs node and npm (.ci/run installs them); the package is installed with
 * {@code npm ci} when missing, so only the first run on a fresh clone needs the registry. Without node the tests
 * fail, they do not skip.
 */
final class JexlReference {

    static final Path DIRECTORY = Path.of("src/test/jexl");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An expression with its context variables and the answers {@code answers(id)} reads. */
    record Case(String expression, Map<String, ?> context, Map<String, ?> answers) {

        Case(String expression, Map<String, ?> context) {
            this(expression, context, Map.of());
        }
    }

    /** What jexl made of a case: a value (in the {@link JsSemantics} value model), or where it failed. */
    record Outcome(Object value, String failure, String message) {

        boolean parseFailed() {
            return "parse".equals(failure);
        }

        boolean evaluationFailed() {
            return "evaluate".equals(failure);
        }

        @Override
        public String toString() {
            return failure == null ? render(value) : failure + " error (" + message + ")";
        }
    }

    private JexlReference() {
    }

    static List<Outcome> evaluate(List<Case> cases) {
        try {
            installIfMissing();
            ArrayNode batch = JSON.createArrayNode();
            for (Case c : cases) {
                ObjectNode node = batch.addObject();
                node.put("expression", c.expression());
                node.set("context", JSON.valueToTree(c.context()));
                node.set("answers", JSON.valueToTree(c.answers()));
            }
            JsonNode results = JSON.readTree(run(List.of("node", "reference.mjs"), JSON.writeValueAsBytes(batch), 120));
            assertThat(results.size()).as("node's jexl answered every case").isEqualTo(cases.size());
            List<Outcome> outcomes = new ArrayList<>(cases.size());
            for (JsonNode result : results) {
                outcomes.add(result.has("error")
                        ? new Outcome(null, result.get("error").asText(), result.get("message").asText())
                        : new Outcome(decode(result.get("value")), null, null));
            }
            return outcomes;
        } catch (IOException e) {
            throw new AssertionError("The jexl reference could not run (node and npm are needed, see .ci/run): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static synchronized void installIfMissing() throws IOException, InterruptedException {
        if (!Files.isDirectory(DIRECTORY.resolve("node_modules/jexl"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), new byte[0], 300);
        }
    }

    private static byte[] run(List<String> command, byte[] input, int timeoutSeconds) throws IOException, InterruptedException {
        File errors = File.createTempFile("jexl-reference", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectError(errors).start();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (OutputStream in = process.getOutputStream()) {
                in.write(input);
            }
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly();
            }
            assertThat(finished).as("%s finished within %d s", command, timeoutSeconds).isTrue();
            assertThat(process.exitValue()).as("%s failed: %s", command, Files.readString(errors.toPath(), StandardCharsets.UTF_8))
                    .isZero();
            return output.join();
        } finally {
            Files.deleteIfExists(errors.toPath());
        }
    }

    /** What our evaluator makes of the expression: "syntax-error", "runtime-error" or a value. */
    static Object ours(ExpressionLanguage language, String expression, EvaluationContext context) {
        CompiledExpression compiled;
        try {
            compiled = language.compile(expression);
        } catch (ExpressionSyntaxException e) {
            return SYNTAX_ERROR;
        }
        try {
            return compiled.evaluate(context);
        } catch (ExpressionEvaluationException e) {
            return RUNTIME_ERROR;
        }
    }

    static final Object SYNTAX_ERROR = new Object() {
        @Override
        public String toString() {
            return "syntax-error";
        }
    };
    static final Object RUNTIME_ERROR = new Object() {
        @Override
        public String toString() {
            return "runtime-error";
        }
    };

    /** Null when our outcome (from {@link #ours}) is jexl's; otherwise why not. */
    static String disagreement(Object ours, JexlReference.Outcome reference) {
        if (reference.parseFailed()) {
            return ours == SYNTAX_ERROR ? null : "jexl cannot parse it";
        }
        if (reference.evaluationFailed()) {
            return ours == RUNTIME_ERROR ? null : "jexl throws";
        }
        return isValue(ours) && sameValue(reference.value(), ours) ? null : "another value";
    }

    /** A value as a reader of a failure message wants to see it: arrays and objects with their contents. */
    static String render(Object value) {
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(JexlReference::render).toList()) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((key, element) -> entries.add(key + ": " + render(element)));
            return "{" + String.join(", ", entries) + "}";
        }
        return value == SYNTAX_ERROR || value == RUNTIME_ERROR ? value.toString() : JsSemantics.describe(value);
    }

    static boolean isValue(Object ours) {
        return ours != SYNTAX_ERROR && ours != RUNTIME_ERROR;
    }

    /** Deep equality of jexl values; NaN equals NaN here, and 0 equals -0. */
    static boolean sameValue(Object expected, Object actual) {
        if (expected instanceof Double a && actual instanceof Double b) {
            return a.equals(b) || (a == 0 && b == 0);
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(key -> sameValue(a.get(key), b.get(key)));
        }
        return Objects.equals(expected, actual);
    }

    /** reference.mjs's encoding back into jexl values: Double, String, Boolean, null, UNDEFINED, List, Map. */
    static Object decode(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isArray()) {
            List<Object> array = new ArrayList<>();
            node.forEach(element -> array.add(decode(element)));
            return array;
        }
        if (node.has("$object")) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.get("$object").fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                object.put(field.getKey(), decode(field.getValue()));
            }
            return object;
        }
        return switch (node.get("$").asText()) {
            case "undefined" -> Undefined.UNDEFINED;
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new AssertionError("jexl gave a value with no JSON form: " + node);
        };
    }
}
