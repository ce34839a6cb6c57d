package nl.transparant.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.transparant.assessment.AnswerSet;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinition.TaskType;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.AssessmentEngine;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTrees;
import nl.transparant.assessment.DefinitionId;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseDecision;
import nl.transparant.cases.Cases;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.OrganisationNames;
import nl.transparant.problems.NotFoundException;
import nl.transparant.reports.AssessmentReport.Item;
import nl.transparant.reports.AssessmentReport.ItemType;
import nl.transparant.reports.AssessmentReport.Level;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.RiskMatrixPolicy;
import nl.transparant.screening.Screenings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Builds the report of a case's latest record of one assessment, for exactly the people who may read the case
 * ({@link Cases#read}: anyone else learns nothing, not even that the case exists). Nothing here knows a particular
 * questionnaire: the definition the answers were recorded under gives the questions, labels, order and visibility;
 * a repeatable group marked {@code risk_matrix} gives each instance's risk before and after measures from
 * {@code policies/risk-matrix.yaml}.
 */
@Component
public class AssessmentReports {

    /** The BPMN catch event at which a privacy officer records the supervisor's advice (GDPR Art. 36). */
    static final String SUPERVISOR_ADVICE_ACTIVITY = "supervisorAdvice";
    static final String RISK_MATRIX_EXTENSION = "risk_matrix";
    static final String FRIA_EXTENSION = "fria";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE_FIELD = Pattern.compile("\\{([^{}]+)}");
    /** A text longer than this, or with a line break, reads better under its question than in a table cell. */
    private static final int SHORT_TEXT = 120;

    private final Cases cases;
    private final Screenings screenings;
    private final AssessmentDefinitions definitions;
    private final AssessmentEngine engine;
    private final DecisionTrees trees;
    private final OrganisationNames organisationNames;
    private final MessageSource messages;
    private final RiskMatrixPolicy riskMatrix;

    AssessmentReports(Cases cases, Screenings screenings, AssessmentDefinitions definitions, AssessmentEngine engine,
            DecisionTrees trees, OrganisationNames organisationNames, MessageSource messages,
            RiskMatrixPolicy riskMatrix) {
        this.cases = cases;
        this.screenings = screenings;
        this.definitions = definitions;
        this.engine = engine;
        this.trees = trees;
        this.organisationNames = organisationNames;
        this.messages = messages;
        this.riskMatrix = riskMatrix;
    }

    /** A report that can be opened, as the case page and the auditor's case view link it. */
    public record Available(String kind, String title, String recordedBy, java.time.Instant recordedAt) {
    }

    /** The latest record of each assessment of the case, for a person who may read the case; in the order first recorded. */
    public List<Available> available(StaffUser user, String caseId, Locale locale) {
        AlgorithmCase readable = cases.read(user, caseId);
        Map<String, ScreeningRecord> latest = new LinkedHashMap<>();
        screenings.all(readable.getId()).forEach(record -> latest.put(record.getKind(), record));
        return latest.values().stream()
                .map(record -> new Available(record.getKind(), title(record, textDefinition(record), locale), record.getRecordedBy(),
                        record.getRecordedAt()))
                .toList();
    }

    public AssessmentReport report(StaffUser user, String caseId, String kind, Locale locale) {
        AlgorithmCase readable = cases.read(user, caseId);
        ScreeningRecord record = screenings.all(readable.getId()).stream()
                .filter(r -> r.getKind().equals(kind))
                .reduce((earlier, later) -> later)
                .orElseThrow(() -> NotFoundException.of("problem.notFound.assessment", caseId));
        List<CaseDecision> decisions = cases.decisions(user, readable.getId());
        return build(readable, record, decisions, locale);
    }

    private AssessmentReport build(AlgorithmCase algorithmCase, ScreeningRecord record, List<CaseDecision> decisions, Locale locale) {
        JsonNode outcome = parse(record.getOutcome());
        Optional<AssessmentDefinition> definition = textDefinition(record);
        RiskLevels levels = new RiskLevels(riskMatrix.current(), locale);
        RecordedAnswers recorded = RecordedAnswers.of(parse(record.getAnswers()));

        List<Item> items;
        if (definition.isPresent()) {
            AnswerSet counting = engine.answersThatCount(definition.get().id(), recorded.definitionAnswers());
            items = items(definition.get().tasks(), counting, levels, locale);
        } else {
            items = rawItems(recorded.definitionAnswers());
        }
        boolean priorConsultationRequired = outcome.path("priorConsultationRequired").asBoolean(false);
        CaseDecision advice = decisions.stream().filter(d -> SUPERVISOR_ADVICE_ACTIVITY.equals(d.getActivityId()))
                .reduce((earlier, later) -> later).orElse(null);
        String caseName = algorithmCase.getName() == null || algorithmCase.getName().isBlank()
                ? messages.getMessage("case.unnamed", null, locale) : algorithmCase.getName();
        return new AssessmentReport(algorithmCase.getId(), caseName,
                organisationNames.of(algorithmCase.getOrganisationCode()), record.getKind(), title(record, definition, locale),
                definition.map(d -> ReportTexts.text(d.description(), d.translations(), "description", locale)).orElse(null),
                new AssessmentReport.Definition(record.getDefinitionUrn(), record.getDefinitionVersion(), record.getDefinitionSha256(),
                        definition.filter(d -> !d.id().sha256().equals(record.getDefinitionSha256())).map(AssessmentDefinition::version)
                                .orElse(null),
                        definition.isEmpty()),
                record.getRecordedBy(), record.getRecordedAt(), items, verdicts(outcome, definition, locale), scores(outcome, levels, locale),
                outcome.hasNonNull("residualRisk") ? levels.named(outcome.path("residualRisk").asText()) : null,
                aiAct(record, outcome, locale),
                priorConsultationRequired || advice != null ? new AssessmentReport.PriorConsultation(priorConsultationRequired, advice) : null,
                decisions, ReportTexts.DUTCH.equals(locale.getLanguage()) ? ReportTexts.DUTCH : locale.getLanguage(),
                residualDifference(record, levels));
    }

    /**
     * The recorded version when it is still loaded; else the version of the same URN in service now, whose questions
     * are read with the recorded answers (the report says so); else none.
     */
    private Optional<AssessmentDefinition> textDefinition(ScreeningRecord record) {
        return definitions.find(new DefinitionId(record.getDefinitionUrn(), record.getDefinitionVersion(), record.getDefinitionSha256()))
                .or(() -> definitions.current(record.getDefinitionUrn()));
    }

    private static String title(ScreeningRecord record, Optional<AssessmentDefinition> definition, Locale locale) {
        return definition.map(d -> ReportTexts.text(d.name(), d.translations(), "name", locale)).orElse(record.getKind());
    }

    private List<Item> items(List<Task> tasks, AnswerSet answers, RiskLevels levels, Locale locale) {
        List<Item> items = new ArrayList<>();
        for (Task task : tasks) {
            Item item = item(task, answers, levels, locale);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    /** Null when the task shows nothing: unanswered, hidden, informational, or a group with nothing inside. */
    private Item item(Task task, AnswerSet answers, RiskLevels levels, Locale locale) {
        String label = ReportTexts.text(task.title(), task.translations(), "task", locale);
        boolean fria = Boolean.TRUE.equals(task.extensions().get(FRIA_EXTENSION));
        if (task.isRepeatableGroup()) {
            List<AnswerSet> instances = answers.groups().getOrDefault(task.id(), List.of());
            if (instances.isEmpty()) {
                return null;
            }
            return tabular(task, instances)
                    ? table(task, label, instances, fria, locale)
                    : repeated(task, label, instances, fria, levels, locale);
        }
        if (task.is(TaskType.TASK_GROUP) || !task.tasks().isEmpty()) {
            List<Item> inside = items(task.tasks(), answers, levels, locale);
            return inside.isEmpty() ? null : new Item(task.id(), label, ItemType.SECTION, List.of(), false, inside, List.of(), List.of(), fria);
        }
        Object answer = answers.answers().get(task.id());
        List<String> shown = answerTexts(task, answer, locale);
        if (shown.isEmpty()) {
            return null;
        }
        return new Item(task.id(), label, ItemType.QUESTION, shown, multiline(task), List.of(), List.of(), List.of(), fria);
    }

    private AssessmentReport.Item repeated(Task task, String label, List<AnswerSet> instances, boolean fria, RiskLevels levels,
            Locale locale) {
        Map<?, ?> riskMatrix = task.extensions().get(RISK_MATRIX_EXTENSION) instanceof Map<?, ?> m ? m : null;
        List<AssessmentReport.Instance> shown = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            AnswerSet instance = instances.get(i);
            AssessmentReport.Risk risk = riskMatrix == null ? null
                    : new AssessmentReport.Risk(level(riskMatrix.get("before"), instance, levels), level(riskMatrix.get("after"), instance, levels));
            shown.add(new AssessmentReport.Instance(i + 1, instanceLabel(task, instance, i + 1, locale),
                    items(task.tasks(), instance, levels, locale), List.of(), risk));
        }
        return new Item(task.id(), label, ItemType.REPEATED, List.of(), false, List.of(), shown, List.of(), fria);
    }

    private AssessmentReport.Item table(Task task, String label, List<AnswerSet> instances, boolean fria, Locale locale) {
        List<Task> columns = task.tasks().stream().filter(t -> !t.is(TaskType.INFORMATIONAL) && !t.is(TaskType.IMAGE)).toList();
        List<AssessmentReport.Instance> rows = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            AnswerSet instance = instances.get(i);
            rows.add(new AssessmentReport.Instance(i + 1, instanceLabel(task, instance, i + 1, locale), List.of(),
                    columns.stream().map(c -> String.join(", ", answerTexts(c, instance.answers().get(c.id()), locale))).toList(), null));
        }
        return new Item(task.id(), label, ItemType.TABLE, List.of(), false, List.of(), rows,
                columns.stream().map(c -> ReportTexts.text(c.title(), c.translations(), "task", locale)).toList(), fria);
    }

    /** A group of short questions (no sub-groups, no long texts) reads best as a table with a row per instance. */
    private static boolean tabular(Task group, List<AnswerSet> instances) {
        if (group.extensions().containsKey(RISK_MATRIX_EXTENSION)
                || group.tasks().stream().anyMatch(t -> !t.tasks().isEmpty() || t.is(TaskType.TASK_GROUP))) {
            return false;
        }
        return instances.stream().allMatch(instance -> instance.groups().isEmpty() && instance.answers().values().stream()
                .allMatch(answer -> !(answer instanceof String text) || text.length() <= SHORT_TEXT && !text.contains("\n")));
    }

    private static Level level(Object axes, AnswerSet instance, RiskLevels levels) {
        if (!(axes instanceof Map<?, ?> pair)) {
            return null;
        }
        return levels.of(instance.answers().get(String.valueOf(pair.get("likelihood"))),
                instance.answers().get(String.valueOf(pair.get("impact"))));
    }

    /** The definition's {@code instance_label_template}, e.g. "Risico: {3.1.1}", with the instance's answers filled in. */
    private String instanceLabel(Task group, AnswerSet instance, int number, Locale locale) {
        String template = ReportTexts.text(group.instanceLabelTemplate(), group.translations(), "instance_label_template", locale);
        if (template != null) {
            Matcher field = TEMPLATE_FIELD.matcher(template);
            StringBuilder label = new StringBuilder();
            boolean allFilled = true;
            while (field.find()) {
                Object answer = instance.answers().get(field.group(1));
                allFilled &= answer != null && !String.valueOf(answer).isBlank();
                field.appendReplacement(label, Matcher.quoteReplacement(answer == null ? "" : String.valueOf(answer)));
            }
            field.appendTail(label);
            if (allFilled) {
                return number + ". " + label;
            }
        }
        String item = ReportTexts.text(group.itemName(), group.translations(), "item_name", locale);
        String name = item == null ? ReportTexts.text(group.title(), group.translations(), "task", locale) : item;
        return number + ". " + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** An answer as people read it: an option's label, yes or no, a date in the report's language, or the text itself. */
    private List<String> answerTexts(Task task, Object answer, Locale locale) {
        if (answer == null || answer instanceof String text && text.isBlank()) {
            return List.of();
        }
        if (answer instanceof Collection<?> chosen) {
            return chosen.stream().flatMap(value -> answerTexts(task, value, locale).stream()).toList();
        }
        Optional<AssessmentDefinition.Option> option = task.options().stream()
                .filter(o -> Objects.equals(o.value(), answer) || o.value() != null && String.valueOf(o.value()).equals(String.valueOf(answer)))
                .findFirst();
        if (option.isPresent()) {
            return List.of(ReportTexts.text(option.get().label(), option.get().translations(), "label", locale));
        }
        if (answer instanceof Boolean yes) {
            return List.of(messages.getMessage(yes ? "report.yes" : "report.no", null, locale));
        }
        if (task.is(TaskType.DATE) && answer instanceof String date) {
            try {
                return List.of(LocalDate.parse(date).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(ReportTexts.DUTCH.equals(locale.getLanguage()) ? locale : Locale.UK)));
            } catch (DateTimeParseException e) {
                return List.of(date);
            }
        }
        return List.of(String.valueOf(answer));
    }

    private static boolean multiline(Task task) {
        return task.is(TaskType.OPEN_TEXT);
    }

    /** Without any loaded version of the definition: the answers as recorded, under their task ids. */
    private static List<Item> rawItems(AnswerSet answers) {
        List<Item> items = new ArrayList<>();
        answers.answers().forEach((id, answer) -> items.add(new Item(id, id, ItemType.QUESTION,
                answer instanceof Collection<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(answer)),
                true, List.of(), List.of(), List.of(), false)));
        answers.groups().forEach((id, instances) -> {
            List<AssessmentReport.Instance> shown = new ArrayList<>();
            for (int i = 0; i < instances.size(); i++) {
                shown.add(new AssessmentReport.Instance(i + 1, String.valueOf(i + 1), rawItems(instances.get(i)), List.of(), null));
            }
            items.add(new Item(id, id, ItemType.REPEATED, List.of(), false, List.of(), shown, List.of(), false));
        });
        return items;
    }

    private static List<AssessmentReport.Verdict> verdicts(JsonNode outcome, Optional<AssessmentDefinition> definition, Locale locale) {
        List<AssessmentReport.Verdict> verdicts = new ArrayList<>();
        for (JsonNode verdict : outcome.path("verdicts")) {
            String id = verdict.path("assessmentId").asText();
            String level = verdict.hasNonNull("level") ? verdict.path("level").asText() : null;
            Optional<AssessmentDefinition.Assessment> assessment = definition
                    .flatMap(d -> d.assessments().stream().filter(a -> a.id().equals(id)).findFirst());
            Optional<AssessmentDefinition.Level> reached = assessment
                    .flatMap(a -> a.levels().stream().filter(l -> l.level().equals(level)).findFirst());
            String result = verdict.hasNonNull("result") ? verdict.path("result").asText() : null;
            String explanation = verdict.hasNonNull("explanation") ? verdict.path("explanation").asText() : null;
            if (reached.isPresent()) {
                result = ReportTexts.text(reached.get().result(), reached.get().translations(), "result", locale);
                explanation = ReportTexts.text(reached.get().explanation(), reached.get().translations(), "explanation", locale);
            } else if (level == null && assessment.isPresent() && assessment.get().extensions().get("otherwise") instanceof Map<?, ?> otherwise) {
                result = ReportTexts.entry(otherwise, "result", locale);
                explanation = ReportTexts.entry(otherwise, "explanation", locale);
            }
            List<AssessmentReport.Criterion> criteria = new ArrayList<>();
            for (JsonNode fired : verdict.path("criteria")) {
                String criterionId = fired.path("id").asText();
                String text = reached.flatMap(l -> l.criteria().stream().filter(c -> c.id().equals(criterionId)).findFirst())
                        .map(c -> ReportTexts.text(c.explanation(), c.translations(), "explanation", locale))
                        .orElse(fired.hasNonNull("explanation") ? fired.path("explanation").asText() : null);
                criteria.add(new AssessmentReport.Criterion(criterionId, text));
            }
            verdicts.add(new AssessmentReport.Verdict(id, level, result, explanation, criteria));
        }
        return verdicts;
    }

    /** As the DPIA form flags it while answering ({@link Screenings#residualRiskDifference}), from the recorded answers. */
    @SuppressWarnings("unchecked")
    private AssessmentReport.ResidualDifference residualDifference(ScreeningRecord record, RiskLevels levels) {
        Map<String, Object> answers = JSON.convertValue(parse(record.getAnswers()), Map.class);
        return screenings.residualRiskDifference(record.getCaseId(), record.getKind(), answers)
                .map(d -> new AssessmentReport.ResidualDifference(levels.named(d.declared()).label(), levels.named(d.matrixHighest()).label()))
                .orElse(null);
    }

    /**
     * The scores whose number is a level's rank in the risk matrix (the definitions compute them so: 3 = hoog, 2 = midden,
     * 1 = laag, 0 = not answered); a reader sees the level's name beside the number.
     */
    static final java.util.Set<String> LEVEL_SCORES = java.util.Set.of("risk_before", "risk_after", "residual_declared", "rights_residual");

    private List<AssessmentReport.Score> scores(JsonNode outcome, RiskLevels levels, Locale locale) {
        List<AssessmentReport.Score> scores = new ArrayList<>();
        outcome.path("scores").fields().forEachRemaining(score -> {
            double value = score.getValue().asDouble();
            String number = value == Math.rint(value) ? String.valueOf((long) value)
                    : java.text.NumberFormat.getNumberInstance(locale).format(value);
            String shown = number;
            if (LEVEL_SCORES.contains(score.getKey()) && value == Math.rint(value)) {
                AssessmentReport.Level level = levels.ranked((int) value);
                String word = level != null ? level.label() : messages.getMessage("report.score.noLevel", null, locale);
                shown = word + " (" + number + ")";
            }
            scores.add(new AssessmentReport.Score(score.getKey(), shown));
        });
        return scores;
    }

    /** The path through the decision tree, with the tree's texts in the report's language when it is still the recorded version. */
    private AssessmentReport.AiActPath aiAct(ScreeningRecord record, JsonNode outcome, Locale locale) {
        JsonNode path = outcome.path("aiAct");
        if (record.getTreeKey() == null || path.isMissingNode()) {
            return null;
        }
        Optional<DecisionTree> tree = trees.current(record.getTreeKey());
        boolean changed = tree.isEmpty() || !tree.get().id().sha256().equals(record.getTreeSha256());
        Optional<DecisionTree> same = changed ? Optional.empty() : tree;
        String conclusionId = path.path("conclusion").asText(null);
        Optional<DecisionTree.Conclusion> conclusion = same.flatMap(t -> t.conclusion(conclusionId));
        List<AssessmentReport.Step> steps = new ArrayList<>();
        for (JsonNode step : path.path("steps")) {
            String questionId = step.path("questionId").asText();
            String question = step.path("question").asText(null);
            String answer = step.path("answer").asText(null);
            Optional<DecisionTree.Question> known = same.flatMap(t -> t.question(questionId));
            if (known.isPresent()) {
                String chosen = answer;
                answer = known.get().answer(chosen).map(a -> ReportTexts.text(a.answer(), a.translations(), "answer", locale)).orElse(answer);
                question = ReportTexts.text(known.get().question(), known.get().translations(), "question", locale);
            }
            steps.add(new AssessmentReport.Step(questionId, question, answer));
        }
        return new AssessmentReport.AiActPath(record.getTreeKey(), record.getTreeSha256(), changed,
                conclusion.map(c -> ReportTexts.text(c.conclusion(), c.translations(), "conclusion", locale)).orElse(conclusionId),
                conclusion.map(c -> ReportTexts.text(c.obligation(), c.translations(), "obligation", locale)).orElse(null),
                path.path("aiActClass").asText(null), steps);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A recorded assessment is not JSON", e);
        }
    }
}
