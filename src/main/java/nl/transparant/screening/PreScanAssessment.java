package nl.transparant.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import nl.transparant.assessment.AnswerSet;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.AssessmentEngine;
import nl.transparant.assessment.AssessmentOutcome;
import nl.transparant.assessment.DecisionPath;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTrees;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.workflow.review.TaskAssessment;
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

    static final String KEY = Screenings.PRE_SCAN;
    static final String PRE_SCAN_ANSWERS = "prescan";
    static final String AI_ACT_ANSWERS = "aiAct";
    /** The value of a route input the binding could not give: the case stops for the privacy officer's decision. */
    static final String POLICY_DECISION_NEEDED = "policy_decision_needed";

    private final AssessmentDefinitions definitions;
    private final AssessmentEngine engine;
    private final DecisionTrees trees;
    private final ScreeningRecords records;
    private final ApplicationEventPublisher events;
    private final ScreeningBindings bindings;

    PreScanAssessment(AssessmentDefinitions definitions, AssessmentEngine engine, DecisionTrees trees, ScreeningRecords records,
            ApplicationEventPublisher events, ScreeningBindings bindings) {
        this.definitions = definitions;
        this.engine = engine;
        this.trees = trees;
        this.records = records;
        this.events = events;
        this.bindings = bindings;
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
            ScreeningBinding binding = bindings.current();
            DecisionPath path = trees.walk(binding.aiActTree().key(), treeAnswers(aiActAnswers, new ArrayList<>()));
            Map<String, Object> aiAct = new LinkedHashMap<>();
            aiAct.put("status", path.status().name());
            aiAct.put("steps", path.steps());
            aiAct.put("nextQuestionId", path.nextQuestionId());
            aiAct.put("conclusion", path.conclusion() == null ? null : path.conclusion().conclusionId());
            ScreeningBinding.Classification classification = path.conclusion() == null ? null
                    : binding.classify(path.conclusion().conclusionId(), path.labels());
            aiAct.put("aiActClass", classification == null ? null : classification.aiActClass());
            aiAct.put("labels", path.labels());
            aiAct.put("profile", classification == null ? null : binding.profile(path.labels(), classification.aiActClass()));
            aiAct.put("policyGap", classification == null ? null : classification.gap());
            result.put("aiAct", aiAct);
        }
        return result;
    }

    @Override
    public void checkDraft(Submission submission) {
        List<FieldProblem> problems = new ArrayList<>();
        wellFormed(submission, definition(), problems, true);
        Object aiActAnswers = submission.answers().get(AI_ACT_ANSWERS);
        if (aiActAnswers instanceof Map<?, ?>) {
            ofTheTree(treeAnswers(aiActAnswers, new ArrayList<>()), problems);
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.preScan.invalid", problems);
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
        String definitionUrn = bindings.current().preScan().key();
        return definitions.current(definitionUrn)
                .orElseThrow(() -> new IllegalStateException("The pre-scan definition " + definitionUrn + " is not loaded"));
    }

    /** The questionnaire's answers, checked one by one; a draft may leave either part out. */
    private static Map<String, Object> wellFormed(Submission submission, AssessmentDefinition definition, List<FieldProblem> problems,
            boolean draft) {
        submission.answers().keySet().stream()
                .filter(key -> !PRE_SCAN_ANSWERS.equals(key) && !AI_ACT_ANSWERS.equals(key))
                .forEach(key -> problems.add(FieldProblem.of("answers." + key, "problem.preScan.parts")));
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
        ofTheTree(aiAct, problems);
        AnswerChecks.addMissing(problems, AnswerChecks.missing(definition, engine.missingToComplete(definition.id(), AnswerSet.of(preScan)),
                "answers.prescan", false));
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.preScan.incomplete", problems);
        }

        AssessmentOutcome outcome = engine.evaluate(definition.id(), AnswerSet.of(preScan));
        ScreeningBinding binding = bindings.current();
        DecisionPath path = trees.walk(binding.aiActTree().key(), aiAct);
        if (path.status() == DecisionPath.Status.AWAITING_ANSWER) {
            problems.add(FieldProblem.of("answers.aiAct." + path.nextQuestionId(), "problem.preScan.aiActQuestion"));
        } else if (path.status() != DecisionPath.Status.CONCLUDED) {
            throw new IllegalStateException("The AI Act decision tree reaches no conclusion for these answers: " + path.problem());
        }
        if (!outcome.problems().isEmpty()) {
            outcome.problems().forEach(p -> problems.add(FieldProblem.of("answers.prescan", "problem.preScan.evaluation", p.location(), p.message())));
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.preScan.notEvaluated", problems);
        }

        // The binding maps the results to the route's inputs; whatever it does not map stops the case (fail closed).
        ScreeningBinding.RouteValues route = binding.routeInputs(definition, outcome);
        ScreeningBinding.Classification classification = binding.classify(path.conclusion().conclusionId(), path.labels());
        List<String> gaps = new ArrayList<>(route.gaps());
        if (classification.gap() != null) {
            gaps.add("aiActClass: " + classification.gap());
        }
        String aiActClass = classification.aiActClass();
        Map<String, List<String>> profile = binding.profile(path.labels(), aiActClass);
        Map<String, Object> variables = new LinkedHashMap<>(route.values());
        if (aiActClass != null) {
            variables.put("aiSystem", Set.of("prohibited", "high_risk", "limited", "minimal").contains(aiActClass));
            variables.put("highRiskArea", "high_risk".equals(aiActClass));
            variables.put("prohibitedPractice", "prohibited".equals(aiActClass));
            variables.put("aiActClass", aiActClass);
        }
        variables.put("policyDecisionNeeded", !gaps.isEmpty());
        if (!gaps.isEmpty()) {
            // The process requires every route input; the ones the binding could not give say so instead of a default.
            for (String input : List.of("personalData", "sensitiveData", "profiling", "automatedDecision", "largeScale",
                    "directImpactOnCitizens", "aiSystem", "highRiskArea", "prohibitedPractice", "dpiaLevel", "aiActClass")) {
                variables.putIfAbsent(input, POLICY_DECISION_NEEDED);
            }
            variables.put("policyGap", String.join("; ", gaps));
        }
        String dpiaLevel = variables.get("dpiaLevel") instanceof String level && !gaps.isEmpty() && POLICY_DECISION_NEEDED.equals(level)
                ? null : (String) variables.get("dpiaLevel");
        String dtiaLevel = String.valueOf(variables.getOrDefault("dtiaLevel", "not_assessed"));
        String kiaLevel = String.valueOf(variables.getOrDefault("kiaLevel", "not_assessed"));

        List<String> fired = binding.route().get("dpiaLevel") instanceof ScreeningBinding.FromAssessment dpia
                ? outcome.verdict(dpia.assessment()).map(v -> v.criteria().stream().map(c -> c.id()).toList()).orElse(List.of())
                : List.of();
        Map<String, Object> aiActRecord = new LinkedHashMap<>();
        aiActRecord.put("conclusion", path.conclusion().conclusionId());
        aiActRecord.put("aiActClass", aiActClass);
        aiActRecord.put("labels", path.labels());
        aiActRecord.put("steps", path.steps());
        aiActRecord.put("profile", profile);
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("verdicts", outcome.verdicts());
        recorded.put("scores", outcome.scores());
        recorded.put("outputs", outcome.outputs());
        recorded.put("aiAct", aiActRecord);
        Map<String, Object> bindingRecord = new LinkedHashMap<>();
        bindingRecord.put("id", binding.id());
        bindingRecord.put("file", binding.file());
        bindingRecord.put("sha256", binding.sha256());
        // The DPIA and IAMA versions this case keeps until it ends (CaseDefinitions), whatever a later reload brings.
        definitions.current(binding.dpia().key()).ifPresent(d -> bindingRecord.put(Screenings.DPIA, d.id()));
        definitions.current(binding.iama().key()).ifPresent(d -> bindingRecord.put(Screenings.IAMA, d.id()));
        recorded.put("binding", bindingRecord);
        recorded.put("policyGaps", gaps);
        recorded.put("routeVariables", variables);
        records.save(new ScreeningRecord(submission.caseId(), KEY, definition.urn(), definition.version(), definition.id().sha256(),
                path.tree().key(), path.tree().sha256(), OutcomeNames.json(submission.answers()), OutcomeNames.json(recorded),
                submission.actor().id()));
        events.publishEvent(new PreScanAssessed(submission.caseId(), submission.organisation(), submission.actor().id(),
                definition.id().toString(), path.tree().key() + "@" + path.tree().sha256(), dpiaLevel, fired,
                path.conclusion().conclusionId(), aiActClass, binding.id() + "@" + binding.sha256(), profile, dtiaLevel, kiaLevel,
                List.copyOf(gaps)));
        return variables;
    }

    /**
     * Each AI Act answer must be to a question of the decision tree in service, and one of that question's answers: a
     * draft is kept, and recorded, as sent, so nothing else may be in it (an outside test stored unknown questions and
     * markup in a draft this way). The walk at completion checks only the answers on its path.
     */
    private void ofTheTree(Map<String, String> answers, List<FieldProblem> problems) {
        String treeKey = bindings.current().aiActTree().key();
        DecisionTree tree = trees.current(treeKey)
                .orElseThrow(() -> new IllegalStateException("The AI Act decision tree " + treeKey + " is not loaded"));
        answers.forEach((questionId, answer) -> {
            Optional<DecisionTree.Question> question = tree.question(questionId);
            if (question.isEmpty()) {
                problems.add(FieldProblem.of("answers.aiAct." + questionId, "problem.answers.unknownQuestion"));
            } else if (question.get().answer(answer).isEmpty()) {
                problems.add(FieldProblem.of("answers.aiAct." + questionId, "problem.preScan.aiActNotAnAnswer",
                        String.join(" | ", question.get().answers().stream().map(DecisionTree.Answer::answer).toList())));
            }
        });
    }

    private static Map<String, String> treeAnswers(Object submitted, List<FieldProblem> problems) {
        if (!(submitted instanceof Map<?, ?> answers)) {
            problems.add(FieldProblem.of("answers.aiAct", "problem.preScan.aiActByQuestion"));
            return Map.of();
        }
        Map<String, String> checked = new LinkedHashMap<>();
        answers.forEach((question, answer) -> {
            if (answer instanceof String text) {
                checked.put(String.valueOf(question), text);
            } else {
                problems.add(FieldProblem.of("answers.aiAct." + question, "problem.preScan.aiActAnswerText"));
            }
        });
        return checked;
    }
}
