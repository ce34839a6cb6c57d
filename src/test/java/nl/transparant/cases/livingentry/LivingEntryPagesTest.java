package nl.transparant.cases.livingentry;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.register.PublishedEntry;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A published entry's life in the browser: the owner starts a change or asks to retire it; a publisher decides. */
class LivingEntryPagesTest extends PageTestSupport {

    /** Holds both roles: may ask for a retirement, and may decide on others', never on their own. */
    static final StaffUser OWNER_AND_PUBLISHER = new StaffUser("owner-publisher-zoetermeer", "Owner and publisher",
            Set.of(Role.PROJECT_OWNER, Role.REGISTER_PUBLISHER), Set.of("zoetermeer"));

    @Autowired
    LivingEntries livingEntries;
    @Autowired
    nl.transparant.workflow.livingentry.EntryUpkeepProcess upkeep;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void thePublishedCaseShowsItsVersionsNextReReviewAndTheOwnersForms() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend op de pagina")));

        Document owner = page("/staff/cases/" + entry.getCaseId(), "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(owner);
        assertThat(owner.selectFirst("#living-title").text()).isEqualTo("Gepubliceerde registertekst");
        assertThat(owner.select(".living-entry time").attr("datetime")).as("the next re-review").isNotEmpty();
        assertThat(owner.select("form[action$=/change] button").text()).isEqualTo("Wijziging starten");
        assertThat(owner.selectFirst("label[for=retirement-endDate]").text()).isEqualTo("Einddatum");
        assertThat(owner.selectFirst("textarea#retirement-reason").attr("aria-describedby")).isEqualTo("retirement-reason-hint");

        Document english = page("/staff/cases/" + entry.getCaseId() + "?lang=en", "owner-zoetermeer").assertStatus(200).document();
        assertThat(english.select("form[action$=/change] button").text()).isEqualTo("Start a change");
        assertThat(english.select("form[action$=/retirement] button").text()).isEqualTo("Request retirement");

        // the API names the published entry: its Algoritme-ID and the public register's page of it
        String json = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .get("/api/cases/" + entry.getCaseId() + "/entry").with(org.springframework.security.test.web.servlet.request
                                .SecurityMockMvcRequestPostProcessors.authentication(as("owner-zoetermeer"))))
                .andReturn().getResponse().getContentAsString();
        com.fasterxml.jackson.databind.JsonNode life = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertThat(life.path("lars").asText()).isEqualTo(entry.getLars());
        assertThat(life.path("publicUrl").asText()).isEqualTo("http://localhost:8080/register/" + entry.getLars());

        Document publisher = page("/staff/cases/" + entry.getCaseId(), "publisher-zoetermeer").assertStatus(200).document();
        assertThat(publisher.selectFirst("#living-title")).isNotNull();
        assertThat(publisher.select("form[action$=/change], form[action$=/retirement]")).isEmpty();
    }

    @Test
    void startingAChangeOpensTheEditFormAndTheChangeIsSubmittedForReview() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend wijzigen")));

        Page started = page(form("/staff/cases/" + entry.getCaseId() + "/change", "owner-zoetermeer"));

        assertThat(started.status()).isEqualTo(302);
        assertThat(started.redirectedTo()).isEqualTo("/staff/cases/" + entry.getCaseId() + "/edit");
        AlgorithmCase changing = cases.read(staff("owner-zoetermeer"), entry.getCaseId());
        assertThat(changing.getStage()).isEqualTo(CaseStage.CHANGE);
        Document casePage = page("/staff/cases/" + entry.getCaseId(), "owner-zoetermeer").assertStatus(200).document();
        assertThat(casePage.text()).contains("Wijziging in voorbereiding").contains("Het register toont versie 1");
        assertThat(casePage.select("form[action$=/submit]")).hasSize(1);
        assertThat(page(form("/staff/cases/" + entry.getCaseId() + "/change", "owner-zoetermeer")).status()).isEqualTo(409);

        cases.submit(staff("owner-zoetermeer"), entry.getCaseId());
        assertThat(cases.read(staff("owner-zoetermeer"), entry.getCaseId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
        assertThat(register.latest(entry.getLars()).getVersionNumber()).isEqualTo(1);
        // the change's pre-scan opens with the answers of the review before it (outside tester: every questionnaire of a
        // change started empty), and says so
        Document preScan = page("/staff/cases/" + entry.getCaseId(), "owner-zoetermeer").assertStatus(200).document();
        assertThat(preScan.select(".task-last-answers").text()).startsWith("De antwoorden van de vorige beoordeling");
        assertThat(preScan.select(".task-form input[type=checkbox][checked], .task-form input[type=radio][checked]")).isNotEmpty();
    }

    @Test
    void aRetirementRequestedInTheBrowserIsDecidedByThePublisherOnTheCasePage() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend buiten gebruik")));
        String month = YearMonth.now(ReReviewPolicy.NETHERLANDS).toString();

        Page bad = page(form("/staff/cases/" + entry.getCaseId() + "/retirement", "owner-zoetermeer")
                .param("endDate", "31-12-2026").param("reason", ""));
        assertThat(bad.status()).isEqualTo(400);
        // each problem by its field's name as people read it, never the field's code (outside tester)
        assertThat(bad.document().text()).doesNotContain("endDate").doesNotContain("reason:")
                .contains("Laatste maand van gebruik:").contains("Reden:")
                .contains("De buitengebruikstelling kan zo niet worden aangevraagd.")
                .contains("Vul de maand in waarin het algoritme niet meer wordt gebruikt")
                .contains("Zeg waarom het algoritme niet meer wordt gebruikt.")
                .doesNotContain("Say why").doesNotContain("cannot be requested");
        Page badInEnglish = page(form("/staff/cases/" + entry.getCaseId() + "/retirement?lang=en", "owner-zoetermeer")
                .param("endDate", "31-12-2026").param("reason", "<b>Vet</b>"));
        assertThat(badInEnglish.status()).isEqualTo(400);
        assertThat(badInEnglish.document().text()).contains("The retirement cannot be requested like this.")
                .contains("Give the month the algorithm stops being used")
                .contains("Plain text only: markup such as <tags> is not allowed.");
        Page requested = page(form("/staff/cases/" + entry.getCaseId() + "/retirement", "owner-zoetermeer")
                .param("endDate", month).param("reason", "Vervangen door een nieuwe werkwijze."));
        assertThat(requested.status()).isEqualTo(302);
        assertThat(requested.redirectedTo()).isEqualTo("/staff/cases/" + entry.getCaseId());

        Document publisher = page("/staff/cases/" + entry.getCaseId(), "publisher-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(publisher);
        assertThat(publisher.select(".living-entry").text()).contains(month).contains("Vervangen door een nieuwe werkwijze.")
                .contains("Sanne de Vries");
        assertThat(publisher.select("h3").eachText()).contains("Besluiten over buitengebruikstelling");
        assertThat(publisher.select("input[name=outcome]").eachAttr("value")).containsExactly("approve", "refuse");
        Document owner = page("/staff/cases/" + entry.getCaseId(), "owner-zoetermeer").assertStatus(200).document();
        assertThat(owner.select("input[name=outcome]")).isEmpty();

        completeTask("publisher-zoetermeer", entry.getCaseId(), "decideRetirement", new TaskCompletion("approve", "Akkoord.", null));

        PublishedEntry retired = register.latest(entry.getLars());
        assertThat(retired.getVersionNumber()).isEqualTo(2);
        assertThat(retired.getFields()).containsEntry("status", "Buiten gebruik").containsEntry("end_date", month);
        Document publicPage = page("/register/" + entry.getLars()).assertStatus(200).document();
        assertThat(publicPage.text()).contains("Buiten gebruik").contains(month);
        Document english = page("/staff/cases/" + entry.getCaseId() + "?lang=en", "owner-zoetermeer").assertStatus(200).document();
        assertThat(english.text()).contains("Out of use");
    }

    /**
     * A refused retirement leaves the entry unchecked, so its re-review comes back as it was: an overdue one at once, a
     * planned one on its own date, not a year later (outside tester: the overdue re-review disappeared).
     */
    @Test
    void aRefusedRetirementGivesBackTheReReviewThatWasPending() throws Exception {
        PublishedEntry overdue = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: achterstallig")));
        inTransaction(() -> jdbc.update("UPDATE entry_upkeep_plan SET due_at = ? WHERE case_id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(5)), overdue.getCaseId()));
        upkeep.startDue(java.time.Instant.now());
        java.time.Instant taskCame = task("owner-zoetermeer", overdue.getCaseId(), "confirmEntryCurrent").created();

        refusedRetirement(overdue.getCaseId());

        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), overdue.getCaseId())).as("still overdue")
                .hasValueSatisfying(due -> assertThat(due).isCloseTo(taskCame, within(1, java.time.temporal.ChronoUnit.SECONDS)));
        upkeep.startDue(java.time.Instant.now());
        ReviewTask again = task("owner-zoetermeer", overdue.getCaseId(), "confirmEntryCurrent");
        assertThat(again.created()).as("the owner has the task again").isAfter(taskCame);

        // the confirmation is the record of what the owner checked: refused without a note, on the page and through the API
        Document casePage = page("/staff/cases/" + overdue.getCaseId(), "owner-zoetermeer").assertStatus(200).document();
        assertThat(casePage.selectFirst("textarea[name=rationale]").hasAttr("required")).isTrue();
        assertThat(casePage.text()).contains("Verplicht. Schrijf op wat u heeft gedaan of gecontroleerd");
        Throwable withoutNote = catchThrowable(() -> reviewProcess.complete(staff("owner-zoetermeer"), again.id(),
                new TaskCompletion(null, "  ", null)));
        assertThat(withoutNote).isInstanceOf(nl.transparant.problems.InvalidInputException.class);
        assertThat(((nl.transparant.problems.InvalidInputException) withoutNote).problems()).extracting(p -> p.field())
                .containsExactly("rationale");
        completeTask("owner-zoetermeer", overdue.getCaseId(), "confirmEntryCurrent", new TaskCompletion(null, "Tekst nagelezen: klopt.", null));
        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), overdue.getCaseId())).as("the next one a year on")
                .hasValueSatisfying(due -> assertThat(due).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(300))));

        PublishedEntry planned = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: gepland")));
        java.time.Instant due = LocalDate.now(ReReviewPolicy.NETHERLANDS).plusDays(40).atTime(9, 0).atZone(ReReviewPolicy.NETHERLANDS).toInstant();
        inTransaction(() -> jdbc.update("UPDATE entry_upkeep_plan SET due_at = ? WHERE case_id = ?", java.sql.Timestamp.from(due),
                planned.getCaseId()));

        refusedRetirement(planned.getCaseId());

        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), planned.getCaseId())).as("on its own date").contains(due);
    }

    private void refusedRetirement(String caseId) {
        livingEntries.requestRetirement(staff("owner-zoetermeer"), caseId, YearMonth.now(ReReviewPolicy.NETHERLANDS).toString(), "Gestopt.");
        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), caseId)).as("held while the publisher decides").isEmpty();
        completeTask("publisher-zoetermeer", caseId, "decideRetirement", new TaskCompletion("refuse", "Wordt nog gebruikt.", null));
        assertThat(cases.read(staff("owner-zoetermeer"), caseId).getStage()).isEqualTo(CaseStage.PUBLISHED);
    }

    @Test
    void theFirstReReviewFallsOnTheDateTheDpiaNamesForItsNextReview() {
        LocalDate dpiaDate = LocalDate.now(ReReviewPolicy.NETHERLANDS).plusMonths(4);
        Map<String, Object> dpia = DpiaAnswers.lowResidualRisk();
        @SuppressWarnings("unchecked")
        Map<String, Object> answers = (Map<String, Object>) dpia.get("answers");
        answers.put("7.2", dpiaDate.toString());
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Levend: herbeoordeling uit de DPIA")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        completeTask("owner-zoetermeer", c.getId(), "answerPreScan", new TaskCompletion(null, null,
                PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        completeTask("owner-zoetermeer", c.getId(), "fillInDpia", new TaskCompletion(null, null, dpia));
        completeTask("privacy-zoetermeer", c.getId(), "reviewDpia", new TaskCompletion("approve", "Akkoord.", null));
        completeTask("publisher-zoetermeer", c.getId(), "releasePublication", new TaskCompletion("approve", "Klaar.", null));
        // the publication may run as a job after the release commits
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.PUBLISHED));

        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), c.getId()))
                .contains(dpiaDate.atTime(9, 0).atZone(ReReviewPolicy.NETHERLANDS).toInstant());
    }

    @Test
    void whoAskedForTheRetirementNeverDecidesOnItEvenAsARegisterPublisher() {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: eigen aanvraag")));
        AlgorithmCase c = cases.read(OWNER_AND_PUBLISHER, entry.getCaseId());
        livingEntries.requestRetirement(OWNER_AND_PUBLISHER, c.getId(), YearMonth.now(ReReviewPolicy.NETHERLANDS).toString(), "Gestopt.");

        ReviewTask decision = reviewTasks.openTasks(OWNER_AND_PUBLISHER, c.getId()).stream()
                .filter(t -> t.activityId().equals("decideRetirement")).findFirst().orElseThrow();
        assertThat(reviewTasks.inbox(OWNER_AND_PUBLISHER)).extracting(ReviewTask::id).doesNotContain(decision.id());
        assertThat(reviewTasks.inbox(staff("publisher-zoetermeer"))).extracting(ReviewTask::id).contains(decision.id());
        Throwable refused = catchThrowable(() -> reviewProcess.complete(OWNER_AND_PUBLISHER, decision.id(),
                new TaskCompletion("approve", "Mijn eigen aanvraag.", null)));

        assertThat(refused).isInstanceOf(ForbiddenException.class);
        assertThat(cases.read(OWNER_AND_PUBLISHER, c.getId()).getStage()).isEqualTo(CaseStage.RETIREMENT_REVIEW);
    }
}
