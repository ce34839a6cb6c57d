package nl.transparant.reports;

import java.time.Instant;
import java.util.List;
import nl.transparant.cases.CaseDecision;

/**
 * One recorded assessment of a case (pre-scan, DPIA, IAMA, or any other definition the process records), ready to
 * read: the answers that counted under the questions' labels, what the definition concluded, and the decisions on the
 * case. The HTML page and the PDF are rendered from this one model by the same template.
 *
 * @param kind              the assessment key the process records it under, e.g. "dpia"
 * @param title             the definition's name in the report's language
 * @param definition        the exact definition version the answers were given and evaluated under
 * @param items             the answers, in the definition's order, only those of tasks that were shown
 * @param verdicts          every assessment of the definition with the level reached and the criteria that fired
 * @param residualRisk      the residual risk the process went on with, when the record has one (the DPIA)
 * @param aiAct             the path through the decision tree, when the record has one (the pre-scan)
 * @param priorConsultation when the record required prior consultation (GDPR Art. 36) or the supervisor's advice was recorded
 * @param decisions         every decision on the case, oldest first
 * @param language          the language of the report ("nl" or "en")
 */
public record AssessmentReport(String caseId, String caseName, String organisationName, String kind, String title,
        String description, Definition definition, String recordedBy, Instant recordedAt, List<Item> items,
        List<Verdict> verdicts, List<Score> scores, Level residualRisk, AiActPath aiAct, PriorConsultation priorConsultation,
        List<CaseDecision> decisions, String language, ResidualDifference residualDifference) {

    /**
     * The owner's declared residual risk where it differs from the highest level the risk matrix gives the DPIA's
     * risks, by the matrix's level names: allowed, but a reader of the report must see it as the DPIA form showed it.
     */
    public record ResidualDifference(String declared, String matrixHighest) {
    }

    /**
     * @param textsVersion the version whose texts are shown when it is not the recorded one (the recorded version is no
     *                     longer loaded); null when the texts are the recorded version's own
     * @param textsMissing no version of this definition is loaded: the answers show under their task ids
     */
    public record Definition(String urn, String version, String sha256, String textsVersion, boolean textsMissing) {
    }

    public enum ItemType {
        /** A question with its answer. */
        QUESTION,
        /** A group of tasks, shown as a section with a heading. */
        SECTION,
        /** A repeatable group with instances that hold groups or long texts: each instance as a subsection. */
        REPEATED,
        /** A repeatable group of short questions only: a table with one row per instance. */
        TABLE
    }

    /**
     * @param answer    the answer as text, one entry per chosen option; empty for groups
     * @param columns   the questions of a {@link ItemType#TABLE}, as its column headings
     * @param fria      the definition marks the task as serving a fundamental rights impact assessment (AI Act Art. 27)
     * @param multiline the answer is free text whose line breaks matter
     */
    public record Item(String id, String label, ItemType type, List<String> answer, boolean multiline, List<Item> items,
            List<Instance> instances, List<String> columns, boolean fria) {
    }

    /**
     * @param label the instance's own label from the definition's template (e.g. "Risico: Onterechte verdenking")
     * @param cells for a table row: the answers in the order of the table's columns
     * @param risk  for a risk register: the risk's level before and after measures, from the risk matrix
     */
    public record Instance(int number, String label, List<Item> items, List<String> cells, Risk risk) {
    }

    /** Either level is null when its likelihood or impact was not given. */
    public record Risk(Level before, Level after) {
    }

    /** @param id the level as the policy names it (laag, midden, hoog) */
    public record Level(String id, String label) {
    }

    /**
     * @param level  "required" or "recommended"; null when the assessment reached no level
     * @param result the text of the outcome (of the level reached, or of the definition's {@code otherwise})
     */
    public record Verdict(String assessmentId, String level, String result, String explanation, List<Criterion> criteria) {
    }

    public record Criterion(String id, String explanation) {
    }

    /** @param value as shown: a level's name with its number ("Hoog (3)") when the score is a level of the risk matrix */
    public record Score(String key, String value) {
    }

    /** @param treeChanged the tree in service now is another version: the texts shown are the recorded ones */
    public record AiActPath(String treeKey, String treeSha256, boolean treeChanged, String conclusion, String obligation,
            String aiActClass, List<Step> steps) {
    }

    public record Step(String questionId, String question, String answer) {
    }

    /** @param advice the supervisor's advice as recorded on the case; null while it has not arrived */
    public record PriorConsultation(boolean required, CaseDecision advice) {
    }

    /** The file name of the PDF download, e.g. {@code dpia-<case id>.pdf}. */
    public String fileName() {
        return (kind + "-" + caseId).replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
    }
}
