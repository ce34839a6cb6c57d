package nl.transparant.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The DPIA of a case (GDPR Art. 35(7)): the owner answers {@code policies/assessments/transparant-dpia.yaml}, with one
 * repeatable group per risk. The residual risk is the higher of the definition's own {@code residual_risk}
 * verdict and the highest risk in the register, each risk's level read from the likelihood and impact after
 * measures in {@code policies/risk-matrix.yaml}; from the matrix's threshold on, the process waits for prior
 * consultation with the supervisor (Art. 36).
 */
@Component
class DpiaAssessment implements TaskAssessment {

    static final String KEY = Screenings.DPIA;
    static final String RESIDUAL_RISK = "residual_risk";
    static final String RISK_GROUP = "3.1";
    static final String LIKELIHOOD_AFTER = "3.1.8";
    static final String IMPACT_AFTER = "3.1.9";
    /** "The highest residual risk over all risks", the owner's own statement (policies/assessments/dpia.yaml). */
    static final String DECLARED_RESIDUAL_RISK = "4.3";

    private final AssessmentDefinitions definitions;
    private final AssessmentEngine engine;
    private final ScreeningRecords records;
    private final ApplicationEventPublisher events;
    private final CaseDefinitions caseDefinitions;
    private final RiskMatrixPolicy riskMatrix;

    DpiaAssessment(AssessmentDefinitions definitions, AssessmentEngine engine, ScreeningRecords records,
            ApplicationEventPublisher events,
            CaseDefinitions caseDefinitions,
            RiskMatrixPolicy riskMatrix) {
        this.definitions = definitions;
        this.engine = engine;
        this.records = records;
        this.events = events;
        this.caseDefinitions = caseDefinitions;
        this.riskMatrix = riskMatrix;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public Map<String, Object> resultSoFar(Submission submission) {
        checkDraft(submission);
        AssessmentOutcome outcome = evaluateSoFar(submission.caseId(), submission.answers());
        if (!residualRiskKnownSoFar(submission.caseId(), submission.answers())) {
            // the definition's "otherwise" would say "low" for a DPIA with no risk in it yet; nothing is known yet
            outcome = new AssessmentOutcome(outcome.definition(), outcome.scores(), outcome.verdicts().stream()
                    .map(v -> RESIDUAL_RISK.equals(v.assessmentId()) ? new AssessmentOutcome.Verdict(v.assessmentId(), null, null, null, List.of()) : v)
                    .toList(), outcome.outputs(), outcome.problems());
        }
        return ResultsSoFar.of(outcome);
    }

    /**
     * Whether the answers so far say anything about the residual risk: a risk of the register with a level in the risk
     * matrix, or the owner's own answer to 4.3. Without either the result so far names no residual risk.
     */
    boolean residualRiskKnownSoFar(String caseId, Map<String, Object> answers) {
        AssessmentDefinition definition = definition(caseId);
        AnswerSet given = AnswerChecks.withGroups(definition, answers == null ? Map.of() : answers, "answers", new ArrayList<>());
        RiskMatrix matrix = riskMatrix.current();
        for (AnswerSet risk : given.groups().getOrDefault(RISK_GROUP, List.of())) {
            if (matrix.risk(risk.answers().get(LIKELIHOOD_AFTER), risk.answers().get(IMPACT_AFTER)) != null) {
                return true;
            }
        }
        return given.answers().get(DECLARED_RESIDUAL_RISK) != null;
    }

    @Override
    public void checkDraft(Submission submission) {
        List<FieldProblem> problems = new ArrayList<>();
        AnswerChecks.withGroups(definition(submission.caseId()), submission.answers(), "answers", problems);
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.dpia.invalid", problems);
        }
    }

    /** What the DPIA answers so far conclude, with the definition in service now; nothing is recorded. */
    AssessmentOutcome evaluateSoFar(String caseId, Map<String, Object> answers) {
        AssessmentDefinition definition = definition(caseId);
        return engine.evaluate(definition.id(), AnswerChecks.withGroups(definition, answers, "answers", new ArrayList<>()));
    }

    /**
     * The declared residual risk and the highest level the risk matrix gives the register's risks, as the answers so far
     * have them; empty unless both are known and they differ. A difference is allowed, but never without a word.
     */
    Optional<ResidualRiskDifference> residualRiskDifference(String caseId, Map<String, Object> answers) {
        AssessmentDefinition definition = definition(caseId);
        AnswerSet given = AnswerChecks.withGroups(definition, answers, "answers", new ArrayList<>());
        RiskMatrix matrix = riskMatrix.current();
        String registerHighest = null;
        for (AnswerSet risk : given.groups().getOrDefault(RISK_GROUP, List.of())) {
            registerHighest = matrix.higher(registerHighest, matrix.risk(risk.answers().get(LIKELIHOOD_AFTER), risk.answers().get(IMPACT_AFTER)));
        }
        // the owner's own answer, not the definition's residual_risk (which already takes the first risk's level into account)
        Object answer = given.answers().get(DECLARED_RESIDUAL_RISK);
        String declared = answer == null ? null : String.valueOf(answer);
        return declared == null || registerHighest == null || declared.equals(registerHighest)
                ? Optional.empty()
                : Optional.of(new ResidualRiskDifference(declared, registerHighest));
    }

    /** The version the case keeps (CaseDefinitions); the active binding's for a case not yet screened. */
    private AssessmentDefinition definition(String caseId) {
        return caseDefinitions.dpia(caseId);
    }

    @Override
    public Map<String, Object> variablesFor(Submission submission) {
        AssessmentDefinition definition = definition(submission.caseId());
        OutcomeNames.require(definition, RESIDUAL_RISK);
        List<FieldProblem> problems = new ArrayList<>();
        AnswerSet answers = AnswerChecks.withGroups(definition, submission.answers(), "answers", problems);
        AnswerChecks.addMissing(problems, AnswerChecks.missing(definition, engine.missingRequired(definition.id(), answers), "answers", true));
        List<AnswerSet> risks = answers.groups().getOrDefault(RISK_GROUP, List.of());
        if (risks.isEmpty()) {
            problems.add(FieldProblem.of("answers.groups." + RISK_GROUP, "problem.dpia.riskMissing"));
        }
        RiskMatrix matrix = riskMatrix.current();
        String registerHighest = null;
        List<String> riskLevels = new ArrayList<>();
        for (int i = 0; i < risks.size(); i++) {
            Object likelihood = risks.get(i).answers().get(LIKELIHOOD_AFTER);
            Object impact = risks.get(i).answers().get(IMPACT_AFTER);
            String risk = matrix.risk(likelihood, impact);
            if (risk == null && likelihood != null && impact != null) {
                // both answered with the DPIA's own options, but the matrix lacks one: the policy's gap, not the owner's
                matrix.requireLevels(String.valueOf(likelihood), String.valueOf(impact));
            }
            if (risk == null) {
                problems.add(FieldProblem.of("answers.groups." + RISK_GROUP + "[" + i + "]",
                        "problem.dpia.riskLevel", LIKELIHOOD_AFTER, IMPACT_AFTER));
            }
            riskLevels.add(risk);
            registerHighest = matrix.higher(registerHighest, risk);
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.dpia.incomplete", problems);
        }
        AssessmentOutcome outcome = engine.evaluate(definition.id(), answers);
        if (!outcome.problems().isEmpty()) {
            throw new IllegalStateException("The DPIA definition fails on these answers: " + outcome.problems());
        }
        String declared = OutcomeNames.of(definition, RESIDUAL_RISK, outcome);
        String residual = matrix.higher(declared, registerHighest);
        boolean priorConsultation = matrix.needsPriorConsultation(residual);

        Map<String, Object> variables = new LinkedHashMap<>();
        // the process decides on prior consultation from this residual risk (policies/review-route.dmn)
        variables.put("residualRisk", residual);
        // and the risk matrix's own verdict, which the table's must match (workflow.DecisionsFailClosed): a table and a
        // matrix edited apart would otherwise skip the consultation the matrix asks for
        variables.put("priorConsultationPerRiskMatrix", priorConsultation);
        records.save(new ScreeningRecord(submission.caseId(), KEY, definition.urn(), definition.version(), definition.id().sha256(),
                null, null, OutcomeNames.json(submission.answers()), OutcomeNames.json(Map.of(
                        "verdicts", outcome.verdicts(),
                        "scores", outcome.scores(),
                        "riskLevelsAfterMeasures", riskLevels,
                        "residualRiskDeclared", String.valueOf(declared),
                        "residualRisk", residual,
                        "priorConsultationRequired", priorConsultation)),
                submission.actor().id()));
        events.publishEvent(new DpiaAssessed(submission.caseId(), submission.organisation(), submission.actor().id(),
                definition.id().toString(), residual, priorConsultation, riskLevels.size()));
        return variables;
    }

}
