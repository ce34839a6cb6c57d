package nl.transparant.screening;

import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.DecisionPath;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTrees;
import nl.transparant.assessment.PoliciesReloaded;
import nl.transparant.assessment.PolicyProblem;
import nl.transparant.assessment.PolicyProblem.Severity;
import nl.transparant.assessment.ReloadReport;
import nl.transparant.assessment.ReloadablePolicy;
import nl.transparant.screening.ScreeningBinding.ClassRule;
import nl.transparant.screening.ScreeningBinding.Fixed;
import nl.transparant.screening.ScreeningBinding.FromAssessment;
import nl.transparant.screening.ScreeningBinding.FromOutput;
import nl.transparant.screening.ScreeningBinding.ProfileRule;
import nl.transparant.screening.ScreeningBinding.Reference;
import nl.transparant.screening.ScreeningBinding.RouteInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The bindings of {@code policies/bindings/} (property {@code transparant.bindings-dir}): which pre-scan, DPIA, IAMA
 * and AI Act tree a case uses and how their results feed the review route. Read at start and on the administrators'
 * reload, after the definitions and trees (the reload reads these last), because a binding is checked against
 * what is loaded: an active binding whose definitions are missing, or which leaves a level of an assessment it reads
 * or a path through its tree without a mapping, is refused. The set is taken whole or not at all: a refused file
 * leaves the last good set serving, so switching bindings never half-happens.
 *
 * <p>Selection: exactly one binding is {@code active}; the others wait until an administrator switches.
 */
@Component
@Order(0)
public class ScreeningBindings implements ReloadablePolicy {

    private static final Logger log = LoggerFactory.getLogger(ScreeningBindings.class);

    /** Beyond this many paths the reload does not walk a tree to the end; the case stops at run time instead. */
    static final int MAX_PATHS = 50_000;

    private final Path folder;
    private final AssessmentDefinitions definitions;
    private final DecisionTrees trees;
    private final ApplicationEventPublisher events;
    private volatile List<ScreeningBinding> served = List.of();
    private volatile ReloadReport lastReload;

    public ScreeningBindings(@Value("${transparant.bindings-dir:${transparant.policies-dir}/bindings}") Path folder,
            AssessmentDefinitions definitions, DecisionTrees trees, ApplicationEventPublisher events) {
        this.folder = folder;
        this.definitions = definitions;
        this.trees = trees;
        this.events = events;
    }

    /** Fails the start when the bindings cannot serve: no case could be screened. */
    @PostConstruct
    void loadAtStart() {
        ReloadReport report = load();
        if (served.isEmpty()) {
            throw new IllegalStateException("No usable screening binding in " + folder + ": " + report.errors());
        }
    }

    @Override
    public synchronized ReloadReport reload() {
        ReloadReport report = load();
        events.publishEvent(new PoliciesReloaded(report.folder(), report.served(), report.keptPrevious(), report.errors().size()));
        return report;
    }

    @Override
    public ReloadReport lastReload() {
        return lastReload;
    }

    /** The active binding: the one that serves every case now. */
    public ScreeningBinding current() {
        return served.stream().filter(ScreeningBinding::active).findFirst()
                .orElseThrow(() -> new IllegalStateException("No screening binding is active"));
    }

    /** Any binding served now, active or not, by its id. */
    public Optional<ScreeningBinding> byId(String id) {
        return served.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    public List<ScreeningBinding> all() {
        return served;
    }

    private synchronized ReloadReport load() {
        List<PolicyProblem> problems = new ArrayList<>();
        List<ScreeningBinding> next = new ArrayList<>();
        for (Path path : files(problems)) {
            String name = folder.relativize(path).toString().replace('\\', '/');
            try {
                byte[] bytes = Files.readAllBytes(path);
                ScreeningBinding binding = read(name, bytes, problems);
                if (binding != null) {
                    next.add(binding);
                }
            } catch (IOException e) {
                problems.add(error(name, "", "cannot be read: " + e.getMessage()));
            }
        }
        selection(next, problems);
        next.forEach(binding -> problems.addAll(gaps(binding)));
        boolean refused = problems.stream().anyMatch(PolicyProblem::isError);
        List<String> keptPrevious = new ArrayList<>();
        if (refused && !served.isEmpty()) {
            served.forEach(binding -> keptPrevious.add(binding.describe()));
        } else if (!refused) {
            served = List.copyOf(next);
        }
        ReloadReport report = new ReloadReport(folder.toString(),
                refused ? List.of() : served.stream().map(b -> b.describe() + (b.active() ? " active" : "")).toList(),
                keptPrevious, problems);
        problems.forEach(problem -> {
            if (problem.isError()) {
                log.error("screening binding refused: {}", problem);
            } else {
                log.warn("screening binding: {}", problem);
            }
        });
        lastReload = report;
        return report;
    }

    /** Exactly one default, at most one binding per organisation, no id twice. */
    private static void selection(List<ScreeningBinding> bindings, List<PolicyProblem> problems) {
        Map<String, String> fileOfId = new HashMap<>();
        Map<String, String> fileOfOrganisation = new HashMap<>();
        String defaultFile = null;
        for (ScreeningBinding binding : bindings) {
            String other = fileOfId.putIfAbsent(binding.id(), binding.file());
            if (other != null) {
                problems.add(error(binding.file(), "binding", "the binding '" + binding.id() + "' is already defined in " + other));
            }
            if (!binding.active()) {
                continue;
            }
            if (binding.organisations().isEmpty()) {
                if (defaultFile != null) {
                    problems.add(error(binding.file(), "active", "two active default bindings: this one and " + defaultFile
                            + "; set 'active: false' on one of them"));
                }
                defaultFile = binding.file();
            }
            if (!binding.organisations().isEmpty()) {
                // A binding per organisation needs the forms and reports to know the case's organisation first.
                problems.add(error(binding.file(), "organisations", "a binding per organisation is not supported yet; "
                        + "leave 'organisations' out"));
            }
            for (String organisation : binding.organisations()) {
                String before = fileOfOrganisation.putIfAbsent(organisation, binding.file());
                if (before != null) {
                    problems.add(error(binding.file(), "organisations", "organisation " + organisation
                            + " already has an active binding in " + before));
                }
            }
        }
        if (defaultFile == null) {
            problems.add(error("bindings", "", "no active binding without 'organisations': cases would have no pre-scan"));
        }
    }

    /**
     * What an active binding leaves unmapped with the definitions and tree loaded now: missing definitions, a level of
     * an assessment it reads without a value, a path through its tree that fits no class. Errors for an active binding;
     * warnings for one that is not active (it may wait for the official files to be dropped in).
     */
    public List<PolicyProblem> gaps(ScreeningBinding binding) {
        Severity severity = binding.active() ? Severity.ERROR : Severity.WARNING;
        List<PolicyProblem> problems = new ArrayList<>();
        String file = binding.file();
        Optional<AssessmentDefinition> preScan = definition(binding.preScan(), "pre_scan", file, severity, problems);
        definition(binding.dpia(), "dpia", file, severity, problems)
                .ifPresent(dpia -> taskNeeds(dpia, "dpia", List.of(DpiaAssessment.RESIDUAL_RISK), file, problems));
        definition(binding.iama(), "iama", file, severity, problems)
                .ifPresent(iama -> taskNeeds(iama, "iama", List.of(IamaAssessment.STOP, IamaAssessment.FRIA, IamaAssessment.RIGHTS_RISK),
                        file, problems));
        preScan.ifPresent(definition -> binding.route().forEach((input, source) -> {
            String at = "route." + input;
            if (source instanceof FromAssessment fromAssessment) {
                Optional<AssessmentDefinition.Assessment> assessment = definition.assessments().stream()
                        .filter(a -> a.id().equals(fromAssessment.assessment())).findFirst();
                if (assessment.isEmpty()) {
                    problems.add(new PolicyProblem(severity, file, "route input " + input, at + ".assessment", definition.urn()
                            + " has no assessment '" + fromAssessment.assessment() + "'"));
                    return;
                }
                assessment.get().levels().stream().map(AssessmentDefinition.Level::level)
                        .filter(level -> !fromAssessment.levels().containsKey(level))
                        .forEach(level -> problems.add(new PolicyProblem(severity, file, "route input " + input, at + ".levels",
                                "level '" + level + "' of assessment '" + fromAssessment.assessment() + "' has no value")));
                fromAssessment.levels().keySet().stream()
                        .filter(level -> assessment.get().levels().stream().noneMatch(l -> l.level().equals(level)))
                        .forEach(level -> problems.add(new PolicyProblem(Severity.WARNING, file, "route input " + input,
                                at + ".levels." + level, "assessment '" + fromAssessment.assessment() + "' has no level '" + level + "'")));
            } else if (source instanceof FromOutput fromOutput
                    && !(definition.extensions().get("outputs") instanceof Map<?, ?> outputs && outputs.containsKey(fromOutput.output()))) {
                problems.add(new PolicyProblem(severity, file, "route input " + input, at + ".output",
                        definition.urn() + " has no output '" + fromOutput.output() + "'"));
            }
        }));
        Optional<DecisionTree> tree = trees.current(binding.aiActTree().key());
        if (tree.isEmpty()) {
            problems.add(new PolicyProblem(severity, file, null, "definitions.ai_act",
                    "the decision tree '" + binding.aiActTree().key() + "' is not loaded"));
        } else if (binding.aiActTree().version() != null && !binding.aiActTree().version().equals(tree.get().id().version())) {
            problems.add(new PolicyProblem(severity, file, null, "definitions.ai_act.version", "the binding asks for version "
                    + binding.aiActTree().version() + " of '" + binding.aiActTree().key() + "', loaded is " + tree.get().id().version()));
        } else {
            PathWalk walk = walkAll(binding.aiActTree().key());
            walk.paths().stream().filter(path -> path.status() == DecisionPath.Status.CONCLUDED)
                    .map(path -> binding.classify(path.conclusion().conclusionId(), path.labels()))
                    .filter(c -> c.gap() != null).map(ScreeningBinding.Classification::gap).distinct().limit(20)
                    .forEach(gap -> problems.add(new PolicyProblem(severity, file, "AI Act class", "ai_act.classes", gap)));
            if (walk.truncated()) {
                problems.add(new PolicyProblem(Severity.WARNING, file, "AI Act class", "ai_act.classes", "the tree has more than "
                        + MAX_PATHS + " paths; only those were checked, a case on another path stops for a policy decision if it fits no class"));
            }
        }
        return problems;
    }

    /** The DPIA and IAMA tasks compute their outcome from these assessments; without them such a task cannot complete. */
    private static void taskNeeds(AssessmentDefinition definition, String at, List<String> assessments, String file,
            List<PolicyProblem> problems) {
        assessments.stream().filter(id -> definition.assessments().stream().noneMatch(a -> a.id().equals(id)))
                .forEach(id -> problems.add(new PolicyProblem(Severity.WARNING, file, null, "definitions." + at, definition.urn()
                        + " has no assessment '" + id + "': a case that reaches the " + at.toUpperCase(java.util.Locale.ROOT)
                        + " task stops there with a clear refusal until a definition with it is bound")));
    }

    private Optional<AssessmentDefinition> definition(Reference reference, String at, String file, Severity severity,
            List<PolicyProblem> problems) {
        Optional<AssessmentDefinition> loaded = definitions.current(reference.key());
        if (loaded.isEmpty()) {
            problems.add(new PolicyProblem(severity, file, null, "definitions." + at, "the definition " + reference.key() + " is not loaded"));
            return Optional.empty();
        }
        if (reference.version() != null && !reference.version().equals(loaded.get().version())) {
            problems.add(new PolicyProblem(severity, file, null, "definitions." + at + ".version", "the binding asks for version "
                    + reference.version() + " of " + reference.key() + ", loaded is " + loaded.get().version()));
            return Optional.empty();
        }
        return loaded;
    }

    /** Every path through a tree, each answer of each question on the way. */
    public record PathWalk(List<DecisionPath> paths, boolean truncated) {
    }

    public PathWalk walkAll(String treeKey) {
        List<DecisionPath> paths = new ArrayList<>();
        boolean complete = explore(treeKey, new LinkedHashMap<>(), paths);
        return new PathWalk(paths, !complete);
    }

    private boolean explore(String treeKey, Map<String, String> answers, List<DecisionPath> paths) {
        if (paths.size() >= MAX_PATHS) {
            return false;
        }
        DecisionPath path = trees.walk(treeKey, answers);
        if (path.status() != DecisionPath.Status.AWAITING_ANSWER) {
            paths.add(path);
            return true;
        }
        DecisionTree tree = trees.current(treeKey).orElseThrow();
        for (DecisionTree.Answer answer : tree.question(path.nextQuestionId()).orElseThrow().answers()) {
            Map<String, String> next = new LinkedHashMap<>(answers);
            next.put(path.nextQuestionId(), answer.answer());
            if (!explore(treeKey, next, paths)) {
                return false;
            }
        }
        return true;
    }

    // --- reading -------------------------------------------------------------------------------------------------

    private List<Path> files(List<PolicyProblem> problems) {
        if (!Files.isDirectory(folder)) {
            problems.add(error(folder.toString(), "", "the folder of screening bindings does not exist"));
            return List.of();
        }
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(error(folder.toString(), "", "cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }

    /** One binding file; null with the problems named when it is not one. */
    static ScreeningBinding read(String name, byte[] bytes, List<PolicyProblem> problems) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, StandardCharsets.UTF_8));
        } catch (YAMLException e) {
            problems.add(error(name, "", "is not valid YAML: " + e.getMessage()));
            return null;
        }
        if (!(document instanceof Map<?, ?> root)) {
            problems.add(error(name, "", "must be a mapping with 'binding', 'definitions', 'route' and 'ai_act'"));
            return null;
        }
        int before = problems.size();
        String id = text(root, "binding", name, "binding", problems);
        String title = root.get("name") == null ? id : String.valueOf(root.get("name"));
        boolean active = Boolean.TRUE.equals(root.get("active"));
        if (root.get("active") != null && !(root.get("active") instanceof Boolean)) {
            problems.add(error(name, "active", "'active' must be true or false"));
        }
        List<String> organisations = strings(root.get("organisations"), name, "organisations", problems);
        Map<?, ?> definitions = map(root.get("definitions"), name, "definitions", problems);
        Reference preScan = reference(definitions.get("pre_scan"), "urn", name, "definitions.pre_scan", problems);
        Reference dpia = reference(definitions.get("dpia"), "urn", name, "definitions.dpia", problems);
        Reference iama = reference(definitions.get("iama"), "urn", name, "definitions.iama", problems);
        Reference tree = reference(definitions.get("ai_act"), "tree", name, "definitions.ai_act", problems);
        Map<String, RouteInput> route = new LinkedHashMap<>();
        map(root.get("route"), name, "route", problems).forEach((input, source) ->
                routeInput(String.valueOf(input), source, name, problems).ifPresent(r -> route.put(String.valueOf(input), r)));
        ScreeningBinding.REQUIRED_ROUTE_INPUTS.stream().filter(input -> !route.containsKey(input))
                .forEach(input -> problems.add(error(name, "route." + input, "the review route needs '" + input + "'")));
        Map<?, ?> aiAct = map(root.get("ai_act"), name, "ai_act", problems);
        List<ClassRule> classes = new ArrayList<>();
        Object declaredClasses = aiAct.get("classes");
        if (!(declaredClasses instanceof List<?> list) || list.isEmpty()) {
            problems.add(error(name, "ai_act.classes", "give the AI Act class of the tree's paths: a list of rules"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                String at = "ai_act.classes[" + i + "]";
                Map<?, ?> rule = map(list.get(i), name, at, problems);
                Object aiActClass = rule.get("class");
                if (!ScreeningBinding.AI_ACT_CLASSES.contains(String.valueOf(aiActClass))) {
                    problems.add(error(name, at + ".class", "'" + aiActClass + "' is not a class of the review route; one of "
                            + ScreeningBinding.AI_ACT_CLASSES));
                }
                List<String> conclusions = strings(rule.get("conclusions"), name, at + ".conclusions", problems);
                List<String> labels = strings(rule.get("labels"), name, at + ".labels", problems);
                if (conclusions.isEmpty() && labels.isEmpty() && i < list.size() - 1) {
                    problems.add(error(name, at, "a rule without 'conclusions' or 'labels' holds for every path; only the last may"));
                }
                classes.add(new ClassRule(conclusions, labels, String.valueOf(aiActClass)));
            }
        }
        Map<String, ProfileRule> profile = new LinkedHashMap<>();
        map(aiAct.containsKey("profile") ? aiAct.get("profile") : Map.of(), name, "ai_act.profile", problems).forEach((key, declared) -> {
            String at = "ai_act.profile." + key;
            if (!ScreeningBinding.PROFILE_KEYS.contains(String.valueOf(key))) {
                problems.add(error(name, at, "not a key of an AI Act profile; one of " + ScreeningBinding.PROFILE_KEYS));
                return;
            }
            Map<?, ?> rule = map(declared, name, at, problems);
            ProfileRule read = new ProfileRule(textMap(rule.get("labels"), name, at + ".labels", problems),
                    textMap(rule.get("classes"), name, at + ".classes", problems));
            // The obligations catalogue matches requirements on these words: one it does not know would match nothing.
            read.labels().forEach((label, value) -> Optional.ofNullable(AiActProfileVocabulary.problem(String.valueOf(key), value))
                    .ifPresent(p -> problems.add(error(name, at + ".labels." + label, p))));
            read.classes().forEach((aiActClass, value) -> Optional.ofNullable(AiActProfileVocabulary.problem(String.valueOf(key), value))
                    .ifPresent(p -> problems.add(error(name, at + ".classes." + aiActClass, p))));
            profile.put(String.valueOf(key), read);
        });
        if (problems.size() > before && problems.subList(before, problems.size()).stream().anyMatch(PolicyProblem::isError)) {
            return null;
        }
        return new ScreeningBinding(id, name, sha256(bytes), title, active, organisations, preScan, dpia, iama, tree, route, classes,
                profile);
    }

    private static Optional<RouteInput> routeInput(String input, Object source, String file, List<PolicyProblem> problems) {
        Optional<RouteInput> read = readRouteInput(input, source, file, problems);
        read.ifPresent(r -> knownValues(input, r, file, problems));
        return read;
    }

    /**
     * Every value the binding can give this input must be one the review route knows: an unknown one would fall
     * through to the route's catch-all rule and skip the DPIA, IAMA and committee (fail open).
     */
    private static void knownValues(String input, RouteInput source, String file, List<PolicyProblem> problems) {
        String at = "route." + input;
        if (!RouteInputs.KNOWN.containsKey(input)) {
            problems.add(error(file, at, RouteInputs.problem(input, null)));
            return;
        }
        if (source instanceof Fixed fixed) {
            Optional.ofNullable(RouteInputs.problem(input, fixed.value())).ifPresent(p -> problems.add(error(file, at + ".value", p)));
        } else if (source instanceof FromAssessment fromAssessment) {
            fromAssessment.levels().forEach((level, value) -> Optional.ofNullable(RouteInputs.problem(input, value))
                    .ifPresent(p -> problems.add(error(file, at + ".levels." + level, p))));
            if (fromAssessment.none() != null) {
                Optional.ofNullable(RouteInputs.problem(input, fromAssessment.none()))
                        .ifPresent(p -> problems.add(error(file, at + ".none", p)));
            }
        }
    }

    private static Optional<RouteInput> readRouteInput(String input, Object source, String file, List<PolicyProblem> problems) {
        String at = "route." + input;
        Map<?, ?> declared = map(source, file, at, problems);
        if (declared.containsKey("assessment")) {
            Map<String, Object> levels = new LinkedHashMap<>();
            map(declared.get("levels"), file, at + ".levels", problems).forEach((level, value) -> levels.put(String.valueOf(level), value));
            if (!declared.containsKey("none")) {
                problems.add(error(file, at + ".none", "say which value holds when the assessment reaches no level"));
            }
            return Optional.of(new FromAssessment(String.valueOf(declared.get("assessment")), levels, declared.get("none")));
        }
        if (declared.containsKey("output")) {
            return Optional.of(new FromOutput(String.valueOf(declared.get("output"))));
        }
        if (declared.containsKey("value") && declared.get("value") != null) {
            return Optional.of(new Fixed(declared.get("value")));
        }
        problems.add(error(file, at, "give 'assessment' with 'levels' and 'none', 'output', or a fixed 'value'"));
        return Optional.empty();
    }

    private static Reference reference(Object declared, String keyName, String file, String at, List<PolicyProblem> problems) {
        Map<?, ?> reference = map(declared, file, at, problems);
        Object key = reference.get(keyName);
        if (!(key instanceof String text) || text.isBlank()) {
            problems.add(error(file, at + "." + keyName, "give the " + ("urn".equals(keyName) ? "definition's URN" : "tree's key (its file name)")));
            return new Reference("", null);
        }
        Object version = reference.get("version");
        if (version != null && !(version instanceof String)) {
            problems.add(error(file, at + ".version", "'version' must be a text such as \"2.0\" (put it in quotes)"));
        }
        return new Reference(text, version == null ? null : String.valueOf(version));
    }

    private static String text(Map<?, ?> map, String key, String file, String at, List<PolicyProblem> problems) {
        Object value = map.get(key);
        if (!(value instanceof String text) || text.isBlank()) {
            problems.add(error(file, at, "'" + key + "' is required"));
            return "";
        }
        return text;
    }

    private static Map<?, ?> map(Object value, String file, String at, List<PolicyProblem> problems) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        problems.add(error(file, at, value == null ? "is required" : "must be a mapping"));
        return Map.of();
    }

    private static List<String> strings(Object value, String file, String at, List<PolicyProblem> problems) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        problems.add(error(file, at, "must be a list"));
        return List.of();
    }

    private static Map<String, String> textMap(Object value, String file, String at, List<PolicyProblem> problems) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value != null) {
            map(value, file, at, problems).forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        }
        return result;
    }

    private static PolicyProblem error(String file, String at, String message) {
        return new PolicyProblem(Severity.ERROR, file, null, at, message);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
