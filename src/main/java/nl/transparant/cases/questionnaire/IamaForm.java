package nl.transparant.cases.questionnaire;

import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.screening.CaseDefinitions;
import nl.transparant.screening.Screenings;
import org.springframework.stereotype.Component;

/**
 * The IAMA task's form: {@code policies/assessments/transparant-iama.yaml}, with the affected fundamental rights (4.2) as a
 * repeatable group; inputs such as {@code iama[4.2][0][4.2.1]}.
 */
@Component
class IamaForm extends GroupedQuestionnaireForm {

    static final String ASSESSMENT = Screenings.IAMA;
    static final String ROOT = "iama";

    IamaForm(AssessmentDefinitions definitions, QuestionnaireForm questionnaire,
            CaseDefinitions caseDefinitions, ResultsSoFar results) {
        // the version the case keeps: named by the screening binding when the case's pre-scan was recorded
        super(ASSESSMENT, ROOT, definitions, questionnaire, caseDefinitions::iama, results);
    }
}
