package nl.transparant.assessment;

import nl.transparant.assessment.internal.DefinitionEvaluator;
import nl.transparant.problems.NotFoundException;
import org.springframework.stereotype.Component;

/**
 * Applies an assessment definition to an answer set: dependencies (hidden answers do not count), the
 * calculations in order, then every assessment's levels. The outcome names the definition version it used.
 */
@Component
public class AssessmentEngine {

    private final AssessmentDefinitions definitions;

    AssessmentEngine(AssessmentDefinitions definitions) {
        this.definitions = definitions;
    }

    /** With the version of the definition in service now. */
    public AssessmentOutcome evaluate(String urn, AnswerSet answers) {
        return DefinitionEvaluator.evaluate(definitions.compiled(urn)
                .orElseThrow(() -> new NotFoundException("There is no assessment definition " + urn + ".")), answers);
    }

    /**
     * The required questions of this version that are visible for these answers and unanswered; hidden questions
     * (their dependency does not hold) never count.
     */
    public java.util.List<MissingAnswer> missingRequired(DefinitionId id, AnswerSet answers) {
        return DefinitionEvaluator.missingRequired(definitions.compiled(id)
                .orElseThrow(() -> new NotFoundException("The assessment definition " + id + " is not loaded.")), answers);
    }

    /**
     * What a questionnaire still needs before it may complete: its required questions, or, when the definition marks
     * none as required (the official files may not), every visible question (fail closed: unanswered is not "no").
     */
    public java.util.List<MissingAnswer> missingToComplete(DefinitionId id, AnswerSet answers) {
        return DefinitionEvaluator.missingToComplete(definitions.compiled(id)
                .orElseThrow(() -> new NotFoundException("The assessment definition " + id + " is not loaded.")), answers);
    }

    /** With exactly this version, for instance the one an answer set was recorded with. */
    public AssessmentOutcome evaluate(DefinitionId id, AnswerSet answers) {
        return DefinitionEvaluator.evaluate(definitions.compiled(id)
                .orElseThrow(() -> new NotFoundException("The assessment definition " + id + " is not loaded.")), answers);
    }

    /**
     * The answers that count under exactly this version: those of tasks that its dependencies show, within groups and
     * instances that are shown. A report shows these, as the evaluation reads only these.
     */
    public AnswerSet answersThatCount(DefinitionId id, AnswerSet answers) {
        return DefinitionEvaluator.answersThatCount(definitions.compiled(id)
                .orElseThrow(() -> new NotFoundException("The assessment definition " + id + " is not loaded.")), answers);
    }
}
