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
        // the case page again, the form as it was sent with its error summary (the problem page lost what was typed and
        // gave focus nowhere near the form); each problem by its field's name as people read it, never the field's code
        // (outside tester), linked to its input
        Document badPage = bad.document();
        assertWellFormedPage(badPage);
        assertThat(badPage.select(".error-summary, [data-refusal]")).singleElement()
                .satisfies(summary -> assertThat(summary.closest("form").attr("action")).endsWith("/retirement"));
        assertThat(badPage.select(".error-summary a").eachAttr("href")).containsExactly("#retirement-endDate", "#retirement-reason");
        assertThat(badPage.select(".error-summary").text()).doesNotContain("endDate").doesNotContain("reason:")
                .contains("Einddatum: Vul de maand in waarin het algoritme niet meer wordt gebruikt")
                .contains("Reden: Zeg waarom het algoritme niet meer wordt gebruikt.")
                .doesNotContain("Say why").doesNotContain("cannot be requested");
        assertThat(badPage.selectFirst("input#retirement-endDate").attr("value")).as("what was typed is kept").isEqualTo("31-12-2026");
        assertThat(badPage.selectFirst("input#retirement-endDate").attr("aria-invalid")).isEqualTo("true");
        assertThat(badPage.selectFirst("input#retirement-endDate").attr("aria-describedby"))
                .isEqualTo("retirement-endDate-hint retirement-endDate-error");
        assertThat(badPage.selectFirst("textarea#retirement-reason").attr("aria-describedby"))
                .isEqualTo("retirement-reason-hint retirement-reason-error");
        Page badInEnglish = page(form("/staff/cases/" + entry.getCaseId() + "/retirement?lang=en", "owner-zoetermeer")
                .param("endDate", "31-12-2026").param("reason", "<b>Vet</b>"));
        assertThat(badInEnglish.status()).isEqualTo(400);
        assertThat(badInEnglish.document().select(".error-summary").text())
                .contains("End date: Give the month the algorithm stops being used")
                .contains("Plain text only: markup such as <tags> is not allowed.");
        assertThat(badInEnglish.document().selectFirst("textarea#retirement-reason").text()).as("what was typed is kept")
                .isEqualTo("<b>Vet</b>");
        assertThat(cases.read(staff("owner-zoetermeer"), entry.getCaseId()).getStage()).as("nothing requested").isEqualTo(CaseStage.PUBLISHED);
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
        java.time.Instant overdueSince = java.time.Instant.now().minus(java.time.Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        inTransaction(() -> jdbc.update("UPDATE entry_upkeep_plan SET due_at = ? WHERE case_id = ?",
                java.sql.Timestamp.from(overdueSince), overdue.getCaseId()));
        upkeep.startDue(java.time.Instant.now());
        java.time.Instant taskCame = task("owner-zoetermeer", overdue.getCaseId(), "confirmEntryCurrent").created();

        refusedRetirement(overdue.getCaseId());

        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), overdue.getCaseId())).as("still overdue, since its date")
                .contains(overdueSince);
        upkeep.startDue(java.time.Instant.now());
        ReviewTask again = task("owner-zoetermeer", overdue.getCaseId(), "confirmEntryCurrent");
        assertThat(again.created()).as("the owner has the task again").isAfter(taskCame);

        // an API client sees that the note is required before it sends one (outside tester: it learnt so from the 400)
        String caseJson = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/cases/" + overdue.getCaseId())
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .authentication(as("owner-zoetermeer"))))
                .andReturn().getResponse().getContentAsString();
        com.fasterxml.jackson.databind.JsonNode confirmTask = java.util.stream.StreamSupport.stream(new com.fasterxml.jackson.databind
                        .ObjectMapper().readTree(caseJson).path("openTasks").spliterator(), false)
                .filter(t -> t.path("activityId").asText().equals("confirmEntryCurrent")).findFirst().orElseThrow();
        assertThat(confirmTask.path("rationaleRequired").asBoolean()).isTrue();
        // the confirmation is the record of what the owner checked: refused without a note, on the page and through the API
        Document casePage = page("/staff/cases/" + overdue.getCaseId(), "owner-zoetermeer").assertStatus(200).document();
        assertThat(casePage.selectFirst("textarea[name=rationale]").hasAttr("required")).isTrue();
        assertThat(casePage.text()).contains("Verplicht. Schrijf op wat u heeft gedaan of gecontroleerd");
        Throwable withoutNote = catchThrowable(() -> reviewProcess.complete(staff("owner-zoetermeer"), again.id(),
                new TaskCompletion(null, " \u00a0\u200b\u2060\ufeff\u202f ", null)));
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
        java.time.Instant held = livingEntries.heldReReview(staff("owner-zoetermeer"), caseId).orElseThrow();
        try {
            Document page = page("/staff/cases/" + caseId, "owner-zoetermeer").assertStatus(200).document();
            assertThat(page.select(".living-entry").text()).as("the held re-review is shown, not 'not planned'")
                    .contains("Wacht op de wijziging of buitengebruikstelling die loopt");
            assertThat(page.select(".living-entry time").eachAttr("datetime")).contains(held.toString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
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

    /**
     * The owner moves the re-review earlier on the case page: it falls due on the new day at the policy's hour, and the
     * decision log says who moved it, from when to when and why; the page offers the form in both languages to owners and
     * privacy officers, not to a publisher.
     */
    @Test
    void theOwnerMovesTheReReviewOnTheCasePageAndTheDecisionLogSaysFromWhenToWhenAndWhy() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: verplaatst")));
        LocalDate today = LocalDate.now(ReReviewPolicy.NETHERLANDS);
        java.time.Instant before = livingEntries.nextReReview(staff("owner-zoetermeer"), entry.getCaseId()).orElseThrow();

        Document owner = page("/staff/cases/" + entry.getCaseId(), "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(owner);
        assertThat(owner.selectFirst("label[for=re-review-due]").text()).isEqualTo("Nieuwe datum");
        assertThat(owner.selectFirst("input#re-review-due").attr("type")).isEqualTo("date");
        assertThat(owner.selectFirst("input#re-review-due").attr("max")).isEqualTo(today.plusYears(1).toString());
        assertThat(owner.selectFirst("input#re-review-due").attr("aria-describedby")).isEqualTo("re-review-due-hint");
        assertThat(owner.selectFirst("#re-review-due-hint").text()).contains(today.plusYears(1).toString());
        assertThat(owner.selectFirst("textarea#re-review-reason").attr("aria-describedby")).isEqualTo("re-review-reason-hint");
        assertThat(owner.select("form[action$=/re-review] button").text()).isEqualTo("Herbeoordeling verplaatsen");
        Document english = page("/staff/cases/" + entry.getCaseId() + "?lang=en", "owner-zoetermeer").assertStatus(200).document();
        assertThat(english.select("form[action$=/re-review] button").text()).isEqualTo("Move the re-review");
        assertThat(english.selectFirst("label[for=re-review-due]").text()).isEqualTo("New date");
        assertThat(english.selectFirst("#re-review-due-hint").text()).startsWith("A date after today, " + today.plusYears(1));
        assertThat(page("/staff/cases/" + entry.getCaseId(), "privacy-zoetermeer").assertStatus(200).document()
                .select("form[action$=/re-review]")).as("a privacy officer may move it").hasSize(1);
        assertThat(page("/staff/cases/" + entry.getCaseId(), "publisher-zoetermeer").assertStatus(200).document()
                .select("form[action$=/re-review]")).as("a publisher may not").isEmpty();

        LocalDate day = today.plusDays(30);
        Page moved = page(form("/staff/cases/" + entry.getCaseId() + "/re-review", "owner-zoetermeer")
                .param("due", day.toString()).param("reason", "De koppeling met de BRP verandert in het voorjaar."));

        assertThat(moved.status()).isEqualTo(302);
        assertThat(moved.redirectedTo()).isEqualTo("/staff/cases/" + entry.getCaseId());
        java.time.Instant due = day.atTime(9, 0).atZone(ReReviewPolicy.NETHERLANDS).toInstant();
        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), entry.getCaseId())).contains(due);
        var record = jdbc.queryForMap("SELECT actor_id, actor_role, organisation_code, outcome, payload FROM decision_log"
                + " WHERE case_id = ? AND event_type = 're-review-rescheduled'", entry.getCaseId());
        assertThat(record).containsEntry("actor_id", "owner-zoetermeer").containsEntry("actor_role", "project-owner")
                .containsEntry("organisation_code", "zoetermeer").containsEntry("outcome", "rescheduled");
        com.fasterxml.jackson.databind.JsonNode payload = new com.fasterxml.jackson.databind.ObjectMapper().readTree((String) record.get("payload"));
        assertThat(payload.path("previousDue").asText()).isEqualTo(before.toString());
        assertThat(payload.path("due").asText()).isEqualTo(due.toString());
        assertThat(payload.path("reason").asText()).isEqualTo("De koppeling met de BRP verandert in het voorjaar.");
        Document auditor = page("/staff/audit/cases/" + entry.getCaseId(), "auditor-regional").assertStatus(200).document();
        assertThat(auditor.text()).as("the auditor reads the event type and outcome in words")
                .contains("Herbeoordeling verplaatst (re-review-rescheduled)").contains("Verplaatst rescheduled");
        // the reason in the column of what people wrote, not only in the export (outside tester), with the day the
        // re-review had and the day it got, as the reader writes dates
        java.time.format.DateTimeFormatter dutch = java.time.format.DateTimeFormatter.ofPattern("d MMMM uuuu", java.util.Locale.forLanguageTag("nl"))
                .withZone(ReReviewPolicy.NETHERLANDS);
        assertThat(auditor.select("tr.audit-line--record td.preserve-lines").eachText()).contains("Verplaatst van "
                + dutch.format(before) + " naar " + dutch.format(due) + ": De koppeling met de BRP verandert in het voorjaar.");
        java.time.format.DateTimeFormatter british = java.time.format.DateTimeFormatter.ofPattern("d MMMM uuuu", java.util.Locale.UK)
                .withZone(ReReviewPolicy.NETHERLANDS);
        Document auditorInEnglish = page("/staff/audit/cases/" + entry.getCaseId() + "?lang=en", "auditor-regional").assertStatus(200).document();
        assertThat(auditorInEnglish.select("tr.audit-line--record td.preserve-lines").eachText()).contains("Moved from "
                + british.format(before) + " to " + british.format(due) + ": De koppeling met de BRP verandert in het voorjaar.");
    }

    /**
     * Through the API: a privacy officer may move it; a publisher is refused (403) and another organisation's owner
     * does not learn the case exists (404, as for every case); a day beyond one interval ahead is refused naming
     * {@code due} and the latest day (a legal re-review is not put off without end), so are an empty or marked-up
     * reason and a day not after today; an entry being changed has no re-review to move (409). Nothing moves when refused.
     */
    @Test
    void onlyTheOrganisationsOwnersAndPrivacyOfficersMoveItAndNeverBeyondOneInterval() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: verplaatsen via API")));
        String caseId = entry.getCaseId();
        LocalDate today = LocalDate.now(ReReviewPolicy.NETHERLANDS);
        java.time.Instant planned = livingEntries.nextReReview(staff("owner-zoetermeer"), caseId).orElseThrow();

        var publisher = moveThroughApi(caseId, "publisher-zoetermeer", today.plusDays(10).toString(), "Later.");
        assertThat(publisher.getStatus()).isEqualTo(403);
        assertThat(publisher.getContentType()).startsWith("application/problem+json");
        assertThat(moveThroughApi(caseId, "owner-nissewaard", today.plusDays(10).toString(), "Later.").getStatus()).isEqualTo(404);
        assertThat(moveThroughApi(caseId, "privacy-nissewaard", today.plusDays(10).toString(), "Later.").getStatus()).isEqualTo(404);

        var tooLate = moveThroughApi(caseId, "owner-zoetermeer", today.plusYears(1).plusDays(1).toString(), "Geen tijd.");
        assertThat(tooLate.getStatus()).isEqualTo(400);
        assertThat(tooLate.getContentType()).startsWith("application/problem+json");
        com.fasterxml.jackson.databind.JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tooLate.getContentAsString());
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("due");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains(today.plusYears(1).toString());
        var noReason = moveThroughApi(caseId, "owner-zoetermeer", today.plusDays(10).toString(), "  ");
        assertThat(noReason.getStatus()).isEqualTo(400);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(noReason.getContentAsString()).path("errors").get(0)
                .path("field").asText()).isEqualTo("reason");
        assertThat(moveThroughApi(caseId, "owner-zoetermeer", today.plusDays(10).toString(), "<b>Later</b>").getStatus()).isEqualTo(400);
        assertThat(moveThroughApi(caseId, "owner-zoetermeer", today.toString(), "Vandaag.").getStatus()).isEqualTo(400);
        assertThat(moveThroughApi(caseId, "owner-zoetermeer", "1-3-2027", "Verkeerd geschreven.").getStatus()).isEqualTo(400);
        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), caseId)).as("nothing moved").contains(planned);

        // not to the day it is planned for already (a year on: the limit itself; the limit is reached in
        // movingAgainAndAgainNeverPutsItOffBeyondOneIntervalAfterTheLastReview)
        LocalDate day = today.plusYears(1).minusDays(1);
        var byPrivacyOfficer = moveThroughApi(caseId, "privacy-zoetermeer", day.toString(), "De DPIA wordt in het najaar herzien.");
        assertThat(byPrivacyOfficer.getStatus()).isEqualTo(200);
        java.time.Instant due = day.atTime(9, 0).atZone(ReReviewPolicy.NETHERLANDS).toInstant();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(byPrivacyOfficer.getContentAsString())
                .path("nextReReview").asText()).isEqualTo(due.toString());
        assertThat(jdbc.queryForList("SELECT actor_role FROM decision_log WHERE case_id = ? AND event_type = 're-review-rescheduled'",
                String.class, caseId)).containsExactly("privacy-officer");

        livingEntries.startChange(staff("owner-zoetermeer"), caseId);
        var changing = moveThroughApi(caseId, "owner-zoetermeer", today.plusDays(10).toString(), "Tijdens de wijziging.");
        assertThat(changing.getStatus()).isEqualTo(409);
        assertThat(changing.getContentType()).startsWith("application/problem+json");
    }

    /**
     * A re-review that is due (the owner's task open) is completed, not moved: 409, and the page offers no form. After the
     * confirmation the running upkeep waits on its timer a year on; a move sets that timer's job to the new moment.
     */
    @Test
    void anOpenReReviewIsCompletedNotMovedAndOneWaitingOnItsTimerMovesWithIt() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: timer verplaatsen")));
        String caseId = entry.getCaseId();
        inTransaction(() -> jdbc.update("UPDATE entry_upkeep_plan SET due_at = ? WHERE case_id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(5)), caseId));
        upkeep.startDue(java.time.Instant.now());
        LocalDate day = LocalDate.now(ReReviewPolicy.NETHERLANDS).plusDays(60);

        var open = moveThroughApi(caseId, "owner-zoetermeer", day.toString(), "Nog even niet.");
        assertThat(open.getStatus()).isEqualTo(409);
        assertThat(open.getContentAsString()).contains("Rond die taak af");
        assertThat(page("/staff/cases/" + caseId, "owner-zoetermeer").assertStatus(200).document().select("form[action$=/re-review]"))
                .isEmpty();
        assertThat(page(form("/staff/cases/" + caseId + "/re-review", "owner-zoetermeer").param("due", day.toString())
                .param("reason", "Nog even niet.")).status()).isEqualTo(409);

        completeTask("owner-zoetermeer", caseId, "confirmEntryCurrent", new TaskCompletion(null, "Tekst nagelezen: klopt.", null));
        java.time.Instant timerDue = livingEntries.nextReReview(staff("owner-zoetermeer"), caseId).orElseThrow();
        assertThat(timerDue).as("waiting on its timer").isAfter(java.time.Instant.now().plus(Duration.ofDays(300)));

        assertThat(moveThroughApi(caseId, "owner-zoetermeer", day.toString(), "Eerder: nieuwe gegevensbron.").getStatus()).isEqualTo(200);

        java.time.Instant due = day.atTime(9, 0).atZone(ReReviewPolicy.NETHERLANDS).toInstant();
        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), caseId)).contains(due);
        assertThat(managementService.createJobQuery().processInstanceId(runtimeService.createProcessInstanceQuery()
                .processDefinitionKey("entry-re-review").processInstanceBusinessKey(caseId).singleResult().getId()).timers().list())
                .singleElement().satisfies(job -> assertThat(job.getDuedate().toInstant()).isEqualTo(due));
        String payload = jdbc.queryForObject("SELECT payload FROM decision_log WHERE case_id = ? AND event_type = 're-review-rescheduled'",
                String.class, caseId);
        assertThat(payload).contains("\"previousDue\":\"" + timerDue + "\"").contains("\"due\":\"" + due + "\"");
    }

    /** A refused move comes back as the case page (400) with what was typed, each problem at its input and in the summary. */
    @Test
    void aRefusedMoveShowsTheCasePageAgainWithTheProblemsAtTheirInputs() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: verplaatsen geweigerd")));
        LocalDate latest = LocalDate.now(ReReviewPolicy.NETHERLANDS).plusYears(1);
        String tooLate = latest.plusDays(1).toString();

        Page refused = page(form("/staff/cases/" + entry.getCaseId() + "/re-review", "owner-zoetermeer")
                .param("due", tooLate).param("reason", ""));

        assertThat(refused.status()).isEqualTo(400);
        Document dutch = refused.document();
        assertWellFormedPage(dutch);
        assertThat(dutch.select(".error-summary a").eachAttr("href")).containsExactly("#re-review-due", "#re-review-reason");
        // the one place focus starts (js/error-summary.js), inside the form that was refused
        assertThat(dutch.select(".error-summary, [data-refusal]")).singleElement()
                .satisfies(summary -> assertThat(summary.closest("form").attr("action")).endsWith("/re-review"))
                .satisfies(summary -> assertThat(summary.attr("tabindex")).isEqualTo("-1"));
        assertThat(dutch.select(".error-summary").text()).contains("Nieuwe datum:").contains("uiterlijk " + latest)
                .contains("Reden: Zeg waarom de herbeoordeling verschuift.");
        assertThat(dutch.selectFirst("#re-review-due-error").text()).contains("uiterlijk " + latest);
        assertThat(dutch.selectFirst("input#re-review-due").attr("value")).isEqualTo(tooLate);
        assertThat(dutch.selectFirst("input#re-review-due").attr("aria-describedby")).isEqualTo("re-review-due-hint re-review-due-error");
        assertThat(dutch.selectFirst("input#re-review-due").attr("aria-invalid")).isEqualTo("true");
        assertThat(dutch.selectFirst("textarea#re-review-reason").attr("aria-describedby"))
                .isEqualTo("re-review-reason-hint re-review-reason-error");

        Page english = page(form("/staff/cases/" + entry.getCaseId() + "/re-review?lang=en", "owner-zoetermeer")
                .param("due", latest.minusDays(30).toString()).param("reason", "<b>Later</b>"));
        assertThat(english.status()).isEqualTo(400);
        assertThat(english.document().selectFirst("textarea#re-review-reason").text()).as("what was typed is kept").isEqualTo("<b>Later</b>");
        assertThat(english.document().select(".error-summary").text()).contains("Reason: Plain text only");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_id = ? AND event_type = 're-review-rescheduled'",
                Integer.class, entry.getCaseId())).isZero();
    }

    /**
     * A form of the case page sent back with problems, here the owner's confirmation of a re-review without its required
     * note: the page has one error summary, inside that form, for js/error-summary.js (which every page loads) to move
     * focus to; it takes focus outside the Tab order (tabindex -1) and links the problem to the note's input.
     */
    @Test
    void aConfirmationWithoutItsNoteComesBackWithOneErrorSummaryToFocusLinkedToTheNote() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: bevestigen zonder notitie")));
        String caseId = entry.getCaseId();
        inTransaction(() -> jdbc.update("UPDATE entry_upkeep_plan SET due_at = ? WHERE case_id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(5)), caseId));
        upkeep.startDue(java.time.Instant.now());
        ReviewTask confirmation = task("owner-zoetermeer", caseId, "confirmEntryCurrent");

        Page refused = page(form("/staff/cases/" + caseId + "/tasks/" + confirmation.id(), "owner-zoetermeer").param("rationale", "  "));

        assertThat(refused.status()).isEqualTo(400);
        Document page = refused.document();
        assertWellFormedPage(page);
        assertThat(page.select("head script[src=/js/error-summary.js][defer]")).hasSize(1);
        String note = "task-" + confirmation.id() + "-rationale";
        assertThat(page.select(".error-summary, [data-refusal]")).singleElement().satisfies(summary -> {
            assertThat(summary.attr("tabindex")).isEqualTo("-1");
            assertThat(summary.attr("role")).isEqualTo("alert");
            assertThat(summary.closest("form").attr("action")).endsWith("/tasks/" + confirmation.id());
            assertThat(summary.select("a").eachAttr("href")).containsExactly("#" + note);
        });
        assertThat(page.getElementById(note).tagName()).isEqualTo("textarea");
        assertThat(page.getElementById(note).attr("aria-invalid")).isEqualTo("true");
    }

    /**
     * A move to the day the re-review already has would move nothing, yet be logged as a move with its reason: refused
     * through the API (400, problem+json naming {@code due}, in Dutch unless the caller prefers English) and on the case
     * page (400, in the form's error summary, linked to the date), and nothing is recorded. Also for a re-review waiting
     * on its timer after a confirmation, and for the day a move has just set.
     */
    @Test
    void aMoveToTheDayTheReReviewAlreadyHasIsRefusedAndNothingIsRecorded() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: zelfde dag")));
        String caseId = entry.getCaseId();
        java.time.Instant planned = livingEntries.nextReReview(staff("owner-zoetermeer"), caseId).orElseThrow();
        LocalDate plannedDay = planned.atZone(ReReviewPolicy.NETHERLANDS).toLocalDate();

        var dutch = moveThroughApi(caseId, "owner-zoetermeer", plannedDay.toString(), "Zelfde dag.", "nl");
        assertThat(dutch.getStatus()).isEqualTo(400);
        assertThat(dutch.getContentType()).startsWith("application/problem+json");
        com.fasterxml.jackson.databind.JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dutch.getContentAsString());
        assertThat(problem.path("detail").asText()).isEqualTo("De herbeoordeling kan zo niet worden verplaatst.");
        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("due");
        assertThat(problem.path("errors").get(0).path("message").asText())
                .isEqualTo("De herbeoordeling staat al op " + plannedDay + ". Kies een andere datum.");
        var english = moveThroughApi(caseId, "privacy-zoetermeer", plannedDay.toString(), "Same day.", "en");
        assertThat(english.getStatus()).isEqualTo(400);
        assertThat(english.getContentType()).startsWith("application/problem+json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(english.getContentAsString()).path("errors").get(0)
                .path("message").asText()).isEqualTo("The re-review is already set for " + plannedDay + ". Choose another date.");

        Page refused = page(form("/staff/cases/" + caseId + "/re-review", "owner-zoetermeer")
                .param("due", plannedDay.toString()).param("reason", "Zelfde dag."));
        assertThat(refused.status()).isEqualTo(400);
        Document page = refused.document();
        assertWellFormedPage(page);
        assertThat(page.select("form[action$=/re-review] .error-summary a").eachAttr("href")).containsExactly("#re-review-due");
        assertThat(page.select(".error-summary").text())
                .contains("Nieuwe datum: De herbeoordeling staat al op " + plannedDay + ". Kies een andere datum.");
        assertThat(page.selectFirst("#re-review-due-error").text()).contains("staat al op " + plannedDay);
        assertThat(page.selectFirst("textarea#re-review-reason").text()).as("what was typed is kept").isEqualTo("Zelfde dag.");
        assertThat(page(form("/staff/cases/" + caseId + "/re-review?lang=en", "owner-zoetermeer")
                .param("due", plannedDay.toString()).param("reason", "Same day.")).document().select(".error-summary").text())
                .contains("New date: The re-review is already set for " + plannedDay + ". Choose another date.");
        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), caseId)).as("nothing moved").contains(planned);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_id = ? AND event_type = 're-review-rescheduled'",
                Integer.class, caseId)).as("nothing recorded").isZero();

        // a real move, then the same day again: refused as well, and only the real move is in the log
        LocalDate earlier = LocalDate.now(ReReviewPolicy.NETHERLANDS).plusDays(20);
        assertThat(moveThroughApi(caseId, "owner-zoetermeer", earlier.toString(), "Eerder bekijken.", "nl").getStatus()).isEqualTo(200);
        assertThat(moveThroughApi(caseId, "owner-zoetermeer", earlier.toString(), "Nog een keer.", "nl").getStatus()).isEqualTo(400);

        // waiting on its timer after a confirmation: the timer's day is refused too
        inTransaction(() -> jdbc.update("UPDATE entry_upkeep_plan SET due_at = ? WHERE case_id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(5)), caseId));
        upkeep.startDue(java.time.Instant.now());
        completeTask("owner-zoetermeer", caseId, "confirmEntryCurrent", new TaskCompletion(null, "Tekst nagelezen: klopt.", null));
        java.time.Instant timerDue = livingEntries.nextReReview(staff("owner-zoetermeer"), caseId).orElseThrow();
        var onTimer = moveThroughApi(caseId, "owner-zoetermeer", timerDue.atZone(ReReviewPolicy.NETHERLANDS).toLocalDate().toString(),
                "Zelfde dag.", "nl");
        assertThat(onTimer.getStatus()).isEqualTo(400);
        assertThat(onTimer.getContentAsString()).contains("staat al op");
        assertThat(livingEntries.nextReReview(staff("owner-zoetermeer"), caseId)).contains(timerDue);
        assertThat(jdbc.queryForList("SELECT payload FROM decision_log WHERE case_id = ? AND event_type = 're-review-rescheduled'",
                String.class, caseId)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING).contains("Eerder bekijken.");
    }

    /**
     * The limit counts from the entry's last review (its latest publication, or an owner's confirmation), not from today:
     * moving it again and again cannot put the re-review off without end (outside review: each move could push it one
     * interval on from the day of the move).
     */
    @Test
    void movingAgainAndAgainNeverPutsItOffBeyondOneIntervalAfterTheLastReview() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Levend: steeds later")));
        String caseId = entry.getCaseId();
        LocalDate today = LocalDate.now(ReReviewPolicy.NETHERLANDS);
        // published 200 days ago, its re-review planned for a year after that
        java.time.Instant published = today.minusDays(200).atTime(12, 0).atZone(ReReviewPolicy.NETHERLANDS).toInstant();
        inTransaction(() -> jdbc.update("UPDATE published_entry SET published_at = ? WHERE case_id = ?", java.sql.Timestamp.from(published),
                caseId));
        LocalDate latest = today.minusDays(200).plusYears(1);
        inTransaction(() -> jdbc.update("UPDATE entry_upkeep_plan SET due_at = ? WHERE case_id = ?",
                java.sql.Timestamp.from(latest.atTime(9, 0).atZone(ReReviewPolicy.NETHERLANDS).toInstant()), caseId));

        var beyond = moveThroughApi(caseId, "owner-zoetermeer", latest.plusDays(1).toString(), "Nog even niet.");
        assertThat(beyond.getStatus()).as("a year from today would still be within one interval of today").isEqualTo(400);
        assertThat(beyond.getContentAsString()).contains(latest.toString());
        assertThat(moveThroughApi(caseId, "owner-zoetermeer", today.plusDays(30).toString(), "Eerder bekijken.").getStatus()).isEqualTo(200);
        assertThat(moveThroughApi(caseId, "owner-zoetermeer", latest.toString(), "Toch later.").getStatus())
                .as("back to the limit, not past it").isEqualTo(200);
        assertThat(moveThroughApi(caseId, "privacy-zoetermeer", latest.plusDays(1).toString(), "Nog later.").getStatus()).isEqualTo(400);
        Document page = page("/staff/cases/" + caseId, "owner-zoetermeer").assertStatus(200).document();
        assertThat(page.selectFirst("form[action$=/re-review] input[type=date]").attr("max")).isEqualTo(latest.toString());
    }

    private org.springframework.mock.web.MockHttpServletResponse moveThroughApi(String caseId, String username, String due, String reason)
            throws Exception {
        return moveThroughApi(caseId, username, due, reason, null);
    }

    /** The move as a client sends it; {@code language}, when not null, as its {@code Accept-Language}. */
    private org.springframework.mock.web.MockHttpServletResponse moveThroughApi(String caseId, String username, String due, String reason,
            String language) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/cases/" + caseId + "/re-review");
        if (language != null) {
            request.header(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        return mvc.perform(request
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("due", due, "reason", reason)))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(as(username))))
                .andReturn().getResponse();
    }
}
