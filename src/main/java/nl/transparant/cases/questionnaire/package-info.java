/**
 * The questionnaires in the case's tasks (the pre-scan with the AI Act decision tree, the DPIA, the IAMA): their
 * forms, generated from the definitions in {@code policies/}, read back from the posted form, and what a case's
 * recorded questionnaires concluded. Contributed to the case page by {@link QuestionnaireSection}, a
 * {@code CasePageSection}; nothing outside this package names a class of it.
 */
package nl.transparant.cases.questionnaire;
