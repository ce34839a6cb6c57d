package nl.transparant.cases.questionnaire;

import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.screening.CaseDefinitions;
import nl.transparant.screening.Screenings;
import org.springframework.stereotype.Component;

/**
 * The DPIA task's form: {@code policies/assessments/transparant-dpia.yaml}, with the risk register (3.1) and each risk's measures
 * (3.1.7) as repeatable groups; inputs such as {@code dpia[3.1][0][3.1.7][1][3.1.7.1]}.
 */
@Component
class DpiaForm extends GroupedQuestionnaireForm {

    static final String ASSESSMENT = Screenings.DPIA;
    static final String ROOT = "dpia";

    DpiaForm(AssessmentDefinitions definitions, QuestionnaireForm questionnaire,
            CaseDefinitions caseDefinitions, ResultsSoFar results) {
        // the version the case keeps: named by the screening binding when the case's pre-scan was recorded
        super(ASSESSMENT, ROOT, definitions, questionnaire, caseDefinitions::dpia, results);
    }
}
