package nl.transparant.cases.questionnaire;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.transparant.cases.TaskQuestionnaire.ResultSoFar;
import nl.transparant.screening.Screenings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the answers typed so far to a questionnaire conclude under the policy in service, as the task's "result so
 * far" shows it while the person types or after a draft was saved. Nothing is recorded.
 */
@Component
class ResultsSoFar {

    private final Screenings screenings;
    private final PreScanOutcome preScanOutcome;
    private final DpiaOutcome dpiaOutcome;
    private final MessageSource messages;

    ResultsSoFar(Screenings screenings, PreScanOutcome preScanOutcome, DpiaOutcome dpiaOutcome, MessageSource messages) {
        this.screenings = screenings;
        this.preScanOutcome = preScanOutcome;
        this.dpiaOutcome = dpiaOutcome;
        this.messages = messages;
    }

    ResultSoFar of(String caseId, String assessment, Map<String, Object> answers, Locale locale) {
        return new ResultSoFar(soFar(caseId, assessment, answers, locale), residualDifference(caseId, assessment, answers, locale));
    }

    /** What the answers so far conclude; an assessment they tell nothing about yet says so, not the policy's "otherwise". */
    private List<PreScanOutcome.AssessmentResult> soFar(String caseId, String assessment, Map<String, Object> answers, Locale locale) {
        Optional<String> notKnownYet = screenings.notKnownYet(caseId, assessment, answers);
        return screenings.resultSoFar(caseId, assessment, answers)
                .map(outcome -> preScanOutcome.results(outcome, locale).stream()
                        .map(r -> notKnownYet.filter(r.assessmentId()::equals).isPresent()
                                ? new PreScanOutcome.AssessmentResult(r.assessmentId(), null,
                                        messages.getMessage("task.resultSoFar.notKnownYet", null, locale), null, List.of())
                                : r)
                        .toList())
                .orElse(null);
    }

    /** For DPIA answers: the declared residual risk when it differs from the risk matrix, flagged where it is entered. */
    private DpiaOutcome.Difference residualDifference(String caseId, String assessment, Map<String, Object> answers, Locale locale) {
        return screenings.residualRiskDifference(caseId, assessment, answers).map(d -> dpiaOutcome.difference(d, locale)).orElse(null);
    }
}
