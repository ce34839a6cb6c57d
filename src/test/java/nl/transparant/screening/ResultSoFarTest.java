package nl.transparant.screening;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.ReviewTask;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * After "Save for later" the case page shows what the saved answers conclude so far, from the policy in service
 * (the pre-scan's DPIA level with the criteria that fired), in Dutch and English, while nothing is recorded: no
 * screening record, no decision log record, and the task stays open.
 */
class ResultSoFarTest extends PageTestSupport {

    @Autowired
    Screenings screenings;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSavedDraftWithTwoWp248FeaturesShowsThatADpiaIsRequiredAndWhyWithoutRecordingAnything() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Tussenstand pre-scan")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        ReviewTask task = task("owner-zoetermeer", c.getId(), "answerPreScan");
        String casePage = "/staff/cases/" + c.getId();
        assertThat(page(casePage, "owner-zoetermeer").document().select(".result-so-far")).as("no draft, no result so far").isEmpty();
        int logRecordsBefore = logRecords(c.getId());

        page(form(casePage + "/tasks/" + task.id(), "owner-zoetermeer")
                .param("prescan[1.1]", "true")
                .param("prescan[3.1]", "large_scale", "matching_datasets")
                .param("action", "draft"))
                .assertStatus(302);

        Document dutch = page(casePage, "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(dutch);
        assertThat(dutch.select(".result-so-far h4").text()).isEqualTo("Tussenstand");
        assertThat(dutch.select(".result-so-far [data-assessment=dpia] .result-so-far__result").text())
                .isEqualTo("DPIA verplicht, omdat:");
        assertThat(dutch.select(".result-so-far [data-criterion]").eachAttr("data-criterion")).containsExactly("edpb_two_or_more");
        assertThat(dutch.select(".result-so-far [data-criterion=edpb_two_or_more]").text())
                .isEqualTo("De verwerking heeft twee of meer van de negen kenmerken van de EDPB (WP248).");
        assertThat(dutch.select("input[name=\"prescan[3.1]\"][checked]").eachAttr("value"))
                .containsExactlyInAnyOrder("large_scale", "matching_datasets");

        Document english = page(casePage + "?lang=en", "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(english);
        assertThat(english.select(".result-so-far h4").text()).isEqualTo("Result so far");
        assertThat(english.select(".result-so-far [data-assessment=dpia] .result-so-far__result").text())
                .isEqualTo("DPIA required, because:");
        assertThat(english.select(".result-so-far [data-criterion=edpb_two_or_more]").text())
                .isEqualTo("The processing has two or more of the nine EDPB features (WP248).");

        assertThat(screenings.all(c.getId())).as("no screening record").isEmpty();
        assertThat(logRecords(c.getId())).as("no decision log record").isEqualTo(logRecordsBefore);
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
        assertThat(task("owner-zoetermeer", c.getId(), "answerPreScan").id()).as("the task is still open").isEqualTo(task.id());
    }

    @Test
    void oneWp248FeatureSavedForLaterShowsThatADpiaIsRecommended() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Tussenstand aanbevolen")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        ReviewTask task = task("owner-zoetermeer", c.getId(), "answerPreScan");
        String casePage = "/staff/cases/" + c.getId();

        page(form(casePage + "/tasks/" + task.id(), "owner-zoetermeer")
                .param("prescan[1.1]", "true")
                .param("prescan[3.1]", "large_scale")
                .param("action", "draft"))
                .assertStatus(302);

        Document dutch = page(casePage, "owner-zoetermeer").assertStatus(200).document();
        assertThat(dutch.select(".result-so-far [data-assessment=dpia] .result-so-far__result").text())
                .isEqualTo("DPIA aanbevolen, omdat:");
        assertThat(dutch.select(".result-so-far [data-criterion]").eachAttr("data-criterion")).containsExactly("edpb_exactly_one");
        assertThat(screenings.all(c.getId())).isEmpty();
    }

    private int logRecords(String caseId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_id = ?", Integer.class, caseId);
    }
}
