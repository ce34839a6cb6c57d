package nl.transparant.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.transparant.assessment.AnswerSet;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.AssessmentEngine;
import nl.transparant.assessment.AssessmentOutcome;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.workflow.review.TaskAssessment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The IAMA of a case (fundamental rights and algorithms impact assessment, also the AI Act Art. 27 FRIA): the owner
 * answers {@code policies/assessments/transparant-iama.yaml}, with one repeatable group per affected right. The definition's
 * {@code stop} assessment decides whether the case stops (a prohibited practice, no legal basis, a disproportionate
 * infringement); the process routes on it before the ethics committee sees the case.
 */
@Component
class IamaAssessment implements TaskAssessment {

    static final String KEY = Screenings.IAMA;
    static final String STOP = "stop";
    static final String FRIA = "fria";
    static final String RIGHTS_RISK = "fundamental_rights_risk";

    private final AssessmentDefinitions definitions;
    private final AssessmentEngine engine;
    private final ScreeningRecords records;
    private final ApplicationEventPublisher events;
    private final CaseDefinitions caseDefinitions;

    IamaAssessment(AssessmentDefinitions definitions, AssessmentEngine engine, ScreeningRecords records,
            ApplicationEventPublisher events,
            CaseDefinitions caseDefinitions) {
        this.definitions = definitions;
        this.engine = engine;
        this.records = records;
        this.events = events;
        this.caseDefinitions = caseDefinitions;
    }

    @Override
    public String key() {
        return KEY;
    }

    /** What the IAMA answers so far conclude, with the definition in service now; nothing is recorded. */
    AssessmentOutcome evaluateSoFar(String caseId, Map<String, Object> answers) {
        AssessmentDefinition definition = definition(caseId);
        return engine.evaluate(definition.id(), AnswerChecks.withGroups(definition, answers, "answers", new ArrayList<>()));
    }

    /** The version the case keeps (CaseDefinitions); the active binding's for a case not yet screened. */
    private AssessmentDefinition definition(String caseId) {
        return caseDefinitions.iama(caseId);
    }

    @Override
    public Map<String, Object> resultSoFar(Submission submission) {
        checkDraft(submission);
        return ResultsSoFar.of(evaluateSoFar(submission.caseId(), submission.answers()));
    }

    @Override
    public void checkDraft(Submission submission) {
        List<FieldProblem> problems = new ArrayList<>();
        AnswerChecks.withGroups(definition(submission.caseId()), submission.answers(), "answers", problems);
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.iama.invalid", problems);
        }
    }

    @Override
    public Map<String, Object> variablesFor(Submission submission) {
        AssessmentDefinition definition = definition(submission.caseId());
        OutcomeNames.require(definition, STOP, FRIA, RIGHTS_RISK);
        List<FieldProblem> problems = new ArrayList<>();
        AnswerSet answers = AnswerChecks.withGroups(definition, submission.answers(), "answers", problems);
        AnswerChecks.addMissing(problems, AnswerChecks.missing(definition, engine.missingRequired(definition.id(), answers), "answers", true));
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.iama.incomplete", problems);
        }
        AssessmentOutcome outcome = engine.evaluate(definition.id(), answers);
        if (!outcome.problems().isEmpty()) {
            throw new IllegalStateException("The IAMA definition fails on these answers: " + outcome.problems());
        }
        boolean stop = STOP.equals(OutcomeNames.of(definition, STOP, outcome));
        List<AssessmentOutcome.FiredCriterion> stopCriteria = outcome.verdict(STOP)
                .filter(AssessmentOutcome.Verdict::levelReached)
                .map(AssessmentOutcome.Verdict::criteria)
                .orElse(List.of());
        String fria = OutcomeNames.of(definition, FRIA, outcome);
        String rightsRisk = OutcomeNames.of(definition, RIGHTS_RISK, outcome);

        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("iamaStop", stop);
        variables.put("fundamentalRightsRisk", rightsRisk);
        variables.put("friaRequired", "required".equals(fria));
        if (stop) {
            variables.put("stopReason", "IAMA: " + stopCriteria.stream().map(AssessmentOutcome.FiredCriterion::explanation)
                    .collect(Collectors.joining(" ")));
        }
        Map<String, Object> recorded = new LinkedHashMap<>();
        recorded.put("verdicts", outcome.verdicts());
        recorded.put("scores", outcome.scores());
        recorded.put("stop", stop);
        recorded.put("fria", String.valueOf(fria));
        recorded.put("fundamentalRightsRisk", String.valueOf(rightsRisk));
        records.save(new ScreeningRecord(submission.caseId(), KEY, definition.urn(), definition.version(), definition.id().sha256(),
                null, null, OutcomeNames.json(submission.answers()), OutcomeNames.json(recorded), submission.actor().id()));
        events.publishEvent(new IamaAssessed(submission.caseId(), submission.organisation(), submission.actor().id(),
                definition.id().toString(), stop, stopCriteria.stream().map(AssessmentOutcome.FiredCriterion::id).toList(),
                fria, rightsRisk));
        return variables;
    }

}
