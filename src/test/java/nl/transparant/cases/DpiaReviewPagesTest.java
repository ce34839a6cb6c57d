package nl.transparant.cases;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the privacy officer reads the DPIA's summary and risk register above the decision, and a declared residual
 * risk that differs from the risk matrix is flagged where it is entered and where it is reviewed.
 */
class DpiaReviewPagesTest extends PageTestSupport {

    @Test
    void thePrivacyOfficerReadsTheDpiaAboveTheDecisionWithADeclaredResidualRiskThatDiffersFlagged() throws Exception {
        AlgorithmCase c = atDpia(unique("DPIA boven het besluit"));
        // 4.3 says "laag", while the matrix gives the one risk (likelihood and impact high) "hoog"
        completeTask("owner-zoetermeer", c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.highResidualRisk()));
        ReviewTask review = task("privacy-zoetermeer", c.getId(), "reviewDpia");

        Document page = page("/staff/cases/" + c.getId(), "privacy-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(page);
        Element task = page.getElementById("task-" + review.id()).parent();
        Element outcome = task.selectFirst(".dpia-outcome");
        Element form = task.selectFirst("form.task-form");
        assertThat(outcome).as("the DPIA inside the review task").isNotNull();
        assertThat(form).isNotNull();
        assertThat(outcome.siblingIndex()).as("above the decision").isLessThan(form.siblingIndex());
        assertThat(task.selectFirst("h4#dpia-outcome").text()).isEqualTo("Uitkomst van de DPIA");
        assertThat(page.select("#dpia-outcome")).as("shown once").hasSize(1);
        assertThat(outcome.select(".dpia-outcome__risks tbody tr")).hasSize(1);
        assertThat(outcome.selectFirst(".dpia-outcome__differs").text()).isEqualTo("Let op: het opgegeven restrisico (Laag) wijkt af van"
                + " de risicomatrix, die het hoogste risico na maatregelen Hoog noemt. Licht toe waarom, of pas het een of het ander aan.");
        // the row under the warning names what the owner declared (4.3), not the matrix's level
        assertThat(outcome.selectFirst(".dpia-outcome__residual").text()).isEqualTo("Hoog");
        assertThat(outcome.selectFirst(".dpia-outcome__declared").text()).isEqualTo("Laag");
        assertThat(page("/staff/cases/" + c.getId() + "?lang=en", "privacy-zoetermeer").document()
                .selectFirst(".dpia-outcome__differs").text()).startsWith("Note: the declared residual risk (Low) differs from the risk matrix");
    }

    @Test
    void aDpiaWhoseDeclaredResidualRiskMatchesTheMatrixCarriesNoFlag() throws Exception {
        AlgorithmCase c = atDpia(unique("DPIA zonder verschil"));
        java.util.Map<String, Object> answers = DpiaAnswers.withRisk("laag", "laag");
        completeTask("owner-zoetermeer", c.getId(), "fillInDpia", new TaskCompletion(null, null, answers));

        Document page = page("/staff/cases/" + c.getId(), "privacy-zoetermeer").assertStatus(200).document();
        assertThat(page.select(".dpia-outcome")).hasSize(1);
        assertThat(page.select(".dpia-outcome__differs")).isEmpty();
    }

    @Test
    void whereTheOwnerEntersTheResidualRiskADifferenceWithTheMatrixIsFlagged() throws Exception {
        AlgorithmCase c = atDpia(unique("DPIA tussenstand restrisico"));
        ReviewTask dpia = task("owner-zoetermeer", c.getId(), "fillInDpia");
        taskDrafts.save(staff("owner-zoetermeer"), dpia.id(), DpiaAnswers.highResidualRisk());

        Document page = page("/staff/cases/" + c.getId(), "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(page);
        assertThat(page.selectFirst(".result-so-far .result-so-far__residual-differs").text())
                .startsWith("Let op: het opgegeven restrisico (Laag) wijkt af van de risicomatrix");
    }

    @Test
    void theResultSoFarOfADpiaWithoutAnyRiskNamesNoResidualRiskYet() throws Exception {
        AlgorithmCase c = atDpia(unique("DPIA leeg"));
        ReviewTask dpia = task("owner-zoetermeer", c.getId(), "fillInDpia");
        taskDrafts.save(staff("owner-zoetermeer"), dpia.id(), java.util.Map.of("answers", java.util.Map.of("1.2", "Beter plannen.")));

        Document page = page("/staff/cases/" + c.getId(), "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(page);
        String soFar = page.selectFirst(".result-so-far [data-assessment=residual_risk] .result-so-far__result").text();
        assertThat(soFar).startsWith("Restrisico nog niet bekend").doesNotContain("Restrisico laag");
        assertThat(page("/staff/cases/" + c.getId() + "?lang=en", "owner-zoetermeer").document()
                .selectFirst(".result-so-far [data-assessment=residual_risk] .result-so-far__result").text()).startsWith("Residual risk not known yet");
    }

    @Test
    void aDpiaSentBackShowsTheRemarkAboveTheFormWithTheAnswersSentBeforeAndIsMarkedInMyWork() throws Exception {
        AlgorithmCase c = atDpia(unique("DPIA teruggestuurd"));
        completeTask("owner-zoetermeer", c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        completeTask("privacy-zoetermeer", c.getId(), "reviewDpia", new TaskCompletion("send-back", "Beschrijf ook het risico van uitsluiting.", null));
        ReviewTask again = task("owner-zoetermeer", c.getId(), "fillInDpia");

        Document page = page("/staff/cases/" + c.getId(), "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(page);
        Element task = page.getElementById("task-" + again.id()).parent();
        Element remark = task.selectFirst(".task-sent-back");
        assertThat(remark.text()).startsWith("Teruggestuurd door ").endsWith(": Beschrijf ook het risico van uitsluiting.")
                .doesNotContain("privacy-zoetermeer");
        assertThat(remark.siblingIndex()).as("above the form").isLessThan(task.selectFirst("form.task-form").siblingIndex());
        assertThat(task.selectFirst(".task-last-answers")).as("the answers sent before are filled in").isNotNull();
        assertThat(task.select("textarea, input[type=text]").stream().map(Element::val).toList())
                .contains("Beter en eerlijker plannen.");

        Element row = page("/staff", "owner-zoetermeer").document().select("tbody tr").stream()
                .filter(tr -> tr.text().contains(c.getName()) && tr.selectFirst("a[href*=#task-" + again.id() + "]") != null)
                .findFirst().orElseThrow();
        assertThat(row.selectFirst(".task-sent-back").text()).isEqualTo("(teruggestuurd)");

        // a draft saved after the send-back is what the form shows from then on
        java.util.Map<String, Object> draft = java.util.Map.of("answers", java.util.Map.of("1.2", "Nieuw doel."));
        taskDrafts.save(staff("owner-zoetermeer"), again.id(), draft);
        Element withDraft = page("/staff/cases/" + c.getId(), "owner-zoetermeer").document().getElementById("task-" + again.id()).parent();
        assertThat(withDraft.selectFirst(".task-last-answers")).isNull();
        assertThat(withDraft.select("textarea, input[type=text]").stream().map(Element::val).toList()).contains("Nieuw doel.")
                .doesNotContain("Beter en eerlijker plannen.");
    }

    private AlgorithmCase atDpia(String name) {
        AlgorithmCase created = draft("owner-zoetermeer", complete(name));
        cases.submit(staff("owner-zoetermeer"), created.getId());
        completeTask("owner-zoetermeer", created.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "profiling", "largeScale", "matchingDatasets")));
        return created;
    }
}
