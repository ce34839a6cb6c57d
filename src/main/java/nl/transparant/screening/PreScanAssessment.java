package nl.transparant.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.transparant.assessment.AnswerSet;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.AssessmentEngine;
import nl.transparant.assessment.AssessmentOutcome;
import nl.transparant.assessment.DecisionPath;
import nl.transparant.assessment.DecisionTrees;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.workflow.review.TaskAssessment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The pre-scan of a case: the owner answers the pre-scan definition and the AI Act decision tree from
 * {@code policies/}; this turns their answers into the review route's inputs. Which questions, criteria and
 * thresholds apply is entirely the policy files' business: the definition's {@code outputs} give the route's
 * inputs, its {@code dpia} assessment the DPIA level, and the tree's conclusion the AI Act class (which
 * overrides the pre-scan's own AI answers, because only the tree applies the Art. 5 and 6(3) rules).
 */
@Component
class PreScanAssessment implements TaskAssessment {

    static final String KEY = "pre-scan";
    static final String PRE_SCAN_ANSWERS = "prescan";
    static final String AI_ACT_ANSWERS = "aiAct";
    static final String DPIA_ASSESSMENT = "dpia";

    private final AssessmentDefinitions definitions;
    private final AssessmentEngine engine;
    private final DecisionTrees trees;
    private final ScreeningRecords records;
    private final ApplicationEventPublisher events;
    private final String definitionUrn;
    private final String treeKey;

    PreScanAssessment(AssessmentDefinitions definitions, AssessmentEngine engine, DecisionTrees trees, ScreeningRecords records,
            ApplicationEventPublisher events,
            @Value("${transparant.screening.pre-scan-urn:urn:nl:transparantprescan}") String definitionUrn,
            @Value("${transparant.screening.ai-act-tree:ai-act}") String treeKey) {
        this.definitions = definitions;
        this.engine = engine;
        this.trees = trees;
        this.records = records;
        this.events = events;
        this.definitionUrn = definitionUrn;
        this.treeKey = treeKey;
    }

    @Override
    public String key() {
        return KEY;
    }

    /** As {@link ResultsSoFar}, with the path through the AI Act decision tree as far as it is answered. */
    @Override
    public Map<String, Object> resultSoFar(Submission submission) {
        checkDraft(submission);
        Map<String, Object> result = ResultsSoFar.of(evaluateSoFar(submission.answers()));
        Object aiActAnswers = submission.answers().get(AI_ACT_ANSWERS);
        if (aiActAnswers != null) {
            DecisionPath path = trees.walk(treeKey, treeAnswers(aiActAnswers, new ArrayList<>()));
            Map<String, Object> aiAct = new LinkedHashMap<>();
            aiAct.put("status", path.status().name());
            aiAct.put("steps", path.steps());
            aiAct.put("nextQuestionId", path.nextQuestionId());
            aiAct.put("conclusion", path.conclusion() == null ? null : path.conclusion().conclusionId());
            aiAct.put("aiActClass", path.conclusion() == null ? null : path.conclusion().extensions().get("aiActClass"));
            result.put("aiAct", aiAct);
        }
        return result;
    }

    @Override
    public void checkDraft(Submission submission) {
        List<FieldProblem> problems = new ArrayList<>();
        wellFormed(submission, definition(), problems, true);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The pre-scan answers are not valid.", problems);
        }
    }

    /** What the pre-scan answers so far conclude, with the definition in service now; nothing is recorded. */
    AssessmentOutcome evaluateSoFar(Map<String, Object> answers) {
        AssessmentDefinition definition = definition();
        Object preScan = answers.get(PRE_SCAN_ANSWERS);
        Map<String, Object> flat = preScan == null ? Map.of() : AnswerChecks.flat(definition, preScan, "answers.prescan", new ArrayList<>());
        return engine.evaluate(definition.id(), AnswerSet.of(flat));
    }

    private AssessmentDefinition definition() {
        return definitions.current(definitionUrn)
                .orElseThrow(() -> new IllegalStateException("The pre-scan definition " + definitionUrn + " is not loaded"));
    }

    /** The questionnaire's answers, checked one by one; a draft may leave either part out. */
    private static Map<String, Object> wellFormed(Submission submission, AssessmentDefinition definition, List<FieldProblem> problems,
            boolean draft) {
        submission.answers().keySet().stream()
                .filter(key -> !PRE_SCAN_ANSWERS.equals(key) && !AI_ACT_ANSWERS.equals(key))
                .forEach(key -> problems.add(new FieldProblem("answers." + key,
                        "Send the pre-scan answers under 'prescan' and the AI Act answers under 'aiAct'.")));
        Object preScan = submission.answers().get(PRE_SCAN_ANSWERS);
        if (draft && submission.answers().get(AI_ACT_ANSWERS) != null) {
            treeAnswers(submission.answers().get(AI_ACT_ANSWERS), problems);
        }
        return draft && preScan == null ? Map.of() : AnswerChecks.flat(definition, preScan, "answers.prescan", problems);
    }

    @Override
    public Map<String, Object> variablesFor(Submission submission) {
        List<FieldProblem> problems = new ArrayList<>();
        AssessmentDefinition definition = definition();
        Map<String, Object> preScan = wellFormed(submission, definition, problems, false);
        Map<String, String> aiAct = treeAnswers(submission.answers().get(AI_ACT_ANSWERS), problems);
        problems.addAll(AnswerChecks.missing(definition, engine.missingRequired(definition.id(), AnswerSet.of(preScan)),
                "answers.prescan", false));
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The pre-scan answers are not complete or not valid.", problems);
        }

        AssessmentOutcome outcome = engine.evaluate(definition.id(), AnswerSet.of(preScan));
        DecisionPath path = trees.walk(treeKey, aiAct);
        if (path.status() == DecisionPath.Status.AWAITING_ANSWER) {
            problems.add(new FieldProblem("answers.aiAct." + path.nextQuestionId(), "Answer this question of the AI Act decision tree."));
        } else if (path.status() != DecisionPath.Status.CONCLUDED) {
            throw new IllegalStateException("The AI Act decision tree reaches no conclusion for these answers: " + path.problem());
        }
        if (!outcome.problems().isEmpty()) {
            outcome.problems().forEach(p -> problems.add(new FieldProblem("answers.prescan", p.location() + ": " + p.message())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("The pre-scan cannot be evaluated with these answers.", problems);
        }

        String aiActClass = String.valueOf(path.conclusion().extensions().getOrDefault("aiActClass", "not_applicable"));
        String dpiaLevel = Objects.requireNonNullElse(OutcomeNames.of(definition, DPIA_ASSESSMENT, outcome), "not_required");
        Map<String, Object> variables = new LinkedHashMap<>();
        outcome.outputs().forEach((name, value) -> variables.put(name, value instanceof Boolean b ? b : Boolean.FALSE));
        boolean aiSystem = Set.of("prohibited", "high_risk", "limited", "minimal").contains(aiActClass);
        variables.put("aiSystem", aiSystem);
        variables.put("highRiskArea", "high_risk".equals(aiActClass));
        variables.put("prohibitedPractice", "prohibited".equals(aiActClass));
        variables.put("dpiaLevel", dpiaLevel);
        variables.put("aiActClass", aiActClass);

        List<String> fired = outcome.verdict(DPIA_ASSESSMENT).map(v -> v.criteria().stream().map(c -> c.id()).toList())
                .orElse(List.of());
        records.save(new ScreeningRecord(submission.caseId(), KEY, definition.urn(), definition.version(), definition.id().sha256(),
                path.tree().key(), path.tree().sha256(), OutcomeNames.json(submission.answers()), OutcomeNames.json(Map.of(
                        "verdicts", outcome.verdicts(),
                        "scores", outcome.scores(),
                        "outputs", outcome.outputs(),
                        "aiAct", Map.of("conclusion", path.conclusion().conclusionId(), "aiActClass", aiActClass,
                                "labels", path.labels(), "steps", path.steps()),
                        "routeVariables", variables)),
                submission.actor().id()));
        events.publishEvent(new PreScanAssessed(submission.caseId(), submission.organisation(), submission.actor().id(),
                definition.id().toString(), path.tree().key() + "@" + path.tree().sha256(), dpiaLevel, fired,
                path.conclusion().conclusionId(), aiActClass));
        return variables;
    }

    private static Map<String, String> treeAnswers(Object submitted, List<FieldProblem> problems) {
        if (!(submitted instanceof Map<?, ?> answers)) {
            problems.add(new FieldProblem("answers.aiAct", "Send the AI Act answers by question id, e.g. {\"1\": \"Ja\"}."));
            return Map.of();
        }
        Map<String, String> checked = new LinkedHashMap<>();
        answers.forEach((question, answer) -> {
            if (answer instanceof String text) {
                checked.put(String.valueOf(question), text);
            } else {
                problems.add(new FieldProblem("answers.aiAct." + question, "Answer with the text of one of the answers."));
            }
        });
        return checked;
    }
}
