package nl.transparant.assessment.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The structure of an assessment definition file, checked with the government's JSON Schema
 * ({@code assessment-definition.v2.schema.json}, a copy on the class path that a test keeps equal to the shared
 * standard) instead of by hand. Each violation is told to the policy author in the loader's own words, with the
 * task, assessment, level or criterion it is in and its path in the file ({@code tasks[1].dependencies[0].action}).
 *
 * <p>Two slips the schema refuses load with a warning, because the government's own files have them: a URN with more
 * than {@code urn:nl:<name>} (the definition still has a URN; {@link DefinitionReader} refuses text that is no URN at
 * all), and a task {@code type} written as one text instead of a list.
 */
final class DefinitionSchema {

    private static final String RESOURCE = "/assessment/assessment-definition.v2.schema.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();
    /** How a missing key is said where the bare "'x' is required" would leave the author guessing why. */
    private static final Map<String, String> REQUIRED = Map.of(
            "repeatable", "'repeatable' is required (true or false)",
            "options", "a select_option task needs 'options'",
            "value", "each option needs a 'value'");
    /** What the values of a key with a fixed list of values are called. */
    private static final Map<String, String> KNOWN_VALUES = Map.of(
            "tasks.type", "task type", "dependencies.type", "dependency type", "operator", "operator", "action", "action",
            "mapping_type", "mapping_type", "level", "level");

    private DefinitionSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = DefinitionSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The assessment definition schema " + RESOURCE + " is not on the class path");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reports every violation of the schema in the parsed file (a YAML or JSON document of maps, lists and values). */
    static void check(Object document, Problems problems) {
        JsonNode root = JSON.valueToTree(document);
        for (ValidationMessage violation : SCHEMA.validate(root)) {
            report(root, violation, problems);
        }
    }

    private static void report(JsonNode root, ValidationMessage violation, Problems problems) {
        List<Object> at = segments(violation.getInstanceLocation());
        String type = violation.getType();
        if ("required".equals(type)) {
            at.add(violation.getProperty());
        }
        String subject = subject(root, at);
        String path = path(at);
        String key = key(at);
        JsonNode value = violation.getInstanceNode();
        switch (type) {
            case "required" -> problems.error(subject, path, REQUIRED.getOrDefault(key, "'" + key + "' is required"));
            case "type" -> {
                if (value == null || value.isNull()) {
                    problems.error(subject, path, "'" + key + "' is required");
                } else if (key.equals("type") && value.isTextual() && isTask(at, at.size() - 1)) {
                    problems.warning(subject, path, "'type' should be a list, such as [" + value.asText() + "]");
                } else if (key.equals("version") && at.size() == 1) {
                    problems.error(subject, path,
                            "'version' must be a text such as \"1.0\" (put it in quotes; YAML reads 1.10 as the number 1.1)");
                } else {
                    problems.error(subject, path, wrongType(at, schemaTypes(violation), value));
                }
            }
            case "enum" -> problems.error(subject, path, "unknown " + knownValues(at) + " '" + value.asText() + "' (known: "
                    + StreamSupport.stream(violation.getSchemaNode().spliterator(), false).map(JsonNode::asText)
                            .collect(Collectors.joining(", ")) + ")");
            case "pattern" -> pattern(subject, path, key, at, value.asText(), problems);
            default -> problems.error(subject, path, violation.getError() == null ? violation.getMessage() : violation.getError());
        }
    }

    private static void pattern(String subject, String path, String key, List<Object> at, String value, Problems problems) {
        if (at.size() == 1 && key.equals("urn") && !DefinitionReader.URN.matcher(value).matches()) {
            return; // no URN at all: the reader refuses it as such
        }
        if (at.size() == 1 && key.equals("urn")) {
            problems.warning(subject, path, "'" + value + "' does not match the schema's pattern ^urn:nl:[a-z]+$ "
                    + "(the version belongs in 'version')");
        } else if (at.size() == 1 && key.equals("version")) {
            problems.error(subject, path, "'" + value + "' is not a version such as 1, 1.2 or 1.2.3");
        } else if (key.equals("id")) {
            problems.error(subject, path, "'" + value + "' is not a task id such as 1.2.3");
        } else {
            problems.error(subject, path, "'" + value + "' is not written as the schema asks");
        }
    }

    private static String wrongType(List<Object> at, List<String> types, JsonNode value) {
        List<String> kinds = types.stream().map(DefinitionSchema::described).toList();
        String expected = kinds.size() == 1 ? kinds.get(0)
                : String.join(", ", kinds.subList(0, kinds.size() - 1)) + " or " + kinds.get(kinds.size() - 1);
        Object written = JSON.convertValue(value, Object.class);
        String hint = types.contains("string") && (value.isNumber() || value.isBoolean()) ? " (put it in quotes)" : "";
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer && at.size() > 1) {
            return "each element of '" + at.get(at.size() - 2) + "' must be " + expected + ", not " + Fields.describe(written) + hint;
        }
        return "'" + last + "' must be " + expected + ", not " + Fields.describe(written) + hint;
    }

    private static List<String> schemaTypes(ValidationMessage violation) {
        JsonNode declared = violation.getSchemaNode();
        if (declared != null && declared.isArray()) {
            return StreamSupport.stream(declared.spliterator(), false).map(JsonNode::asText).toList();
        }
        return List.of(declared == null ? "?" : declared.asText());
    }

    private static String described(String schemaType) {
        return switch (schemaType) {
            case "string" -> "a text";
            case "boolean" -> "true or false";
            case "number", "integer" -> "a number";
            case "array" -> "a list";
            case "object" -> "a mapping of keys to values";
            case "null" -> "nothing";
            default -> schemaType;
        };
    }

    private static String knownValues(List<Object> at) {
        String key = key(at);
        if (at.get(at.size() - 1) instanceof Integer) {
            return KNOWN_VALUES.get("tasks.type"); // the only list whose elements have a fixed set of values
        }
        if (key.equals("type")) {
            return at.size() >= 3 && "dependencies".equals(at.get(at.size() - 3)) ? KNOWN_VALUES.get("dependencies.type")
                    : KNOWN_VALUES.get("tasks.type");
        }
        return KNOWN_VALUES.getOrDefault(key, key);
    }

    /** Whether the segment before {@code index} is an element of a {@code tasks} list. */
    private static boolean isTask(List<Object> at, int index) {
        return index >= 2 && at.get(index - 1) instanceof Integer && "tasks".equals(at.get(index - 2));
    }

    private static List<Object> segments(JsonNodePath location) {
        List<Object> segments = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            segments.add(location.getElement(i));
        }
        return segments;
    }

    /** The path as the loader writes it: {@code tasks[0].calculation.expression}. */
    private static String path(List<Object> at) {
        StringBuilder path = new StringBuilder();
        for (Object segment : at) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(segment);
            }
        }
        return path.toString();
    }

    /** The name of the key a violation is about (for an element of a list: the list's). */
    private static String key(List<Object> at) {
        for (int i = at.size() - 1; i >= 0; i--) {
            if (at.get(i) instanceof String name) {
                return name;
            }
        }
        return "the definition";
    }

    /** The part of the definition a path is in, named as the loader names it: {@code task 1.2}, {@code assessment DPIA, level required}. */
    private static String subject(JsonNode root, List<Object> at) {
        String subject = null;
        JsonNode node = root;
        for (int i = 0; i < at.size() && node != null; i++) {
            Object segment = at.get(i);
            node = segment instanceof Integer index ? node.get(index) : node.get((String) segment);
            if (!(segment instanceof Integer) || node == null || !node.isObject()) {
                continue;
            }
            String list = (String) at.get(i - 1);
            String where = path(at.subList(0, i + 1));
            switch (list) {
                case "tasks" -> subject = "task " + text(node, "id", "at " + where);
                case "assessments" -> subject = "assessment " + text(node, "id", "at " + where);
                case "levels" -> subject = subject + ", level " + text(node, "level", where);
                case "criteria" -> subject = subject + ", criterion " + text(node, "id", where);
                default -> {
                }
            }
        }
        return subject;
    }

    private static String text(JsonNode node, String key, String otherwise) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() ? value.asText() : otherwise;
    }
}
