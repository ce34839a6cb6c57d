package nl.transparant.review;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import nl.transparant.cases.AlgorithmCase;
import nl.transparant.register.PublishedEntry;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.IamaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.review.TaskCompletion;
import org.camunda.bpm.engine.management.JobDefinition;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Issue 13: the next step is always in sight, in "Mijn werk" and on the case page. */
class NextStepPagesTest extends PageTestSupport {

    @Test
    void anOwnerSeesTheConditionsTheReleaseWaitsForAndAMemberWhoVotedSeesThatTheyVoted() throws Exception {
        AlgorithmCase c = atEthicsReview();
        String url = "/staff/cases/" + c.getId();
        page(form(url + "/ethics-votes", "ethics-regional").param("vote", "positive-with-conditions")
                .param("rationale", "Proportioneel.").param("conditions", "Jaarlijkse biasmonitor")).assertStatus(302);

        Document inbox = page("/staff", "ethics-regional").assertStatus(200).document();
        assertWellFormedPage(inbox);
        Element row = rowOf(inbox, c.getName());
        assertThat(row.selectFirst(".task-done-part").text()).isEqualTo("U heeft gestemd; de commissie wacht op de andere leden.");
        assertThat(rowOf(page("/staff", "ethics-second").document(), c.getName()).select(".task-done-part"))
                .as("a member who has not voted yet has the task to do").isEmpty();
        Document casePage = page(url, "ethics-regional").document();
        assertThat(casePage.selectFirst(".ethics-my-vote").text())
                .isEqualTo("U heeft in deze ronde gestemd: Positief met voorwaarden. De commissie besluit zodra 2 leden hebben gestemd.");
        assertThat(page(url + "?lang=en", "ethics-regional").document().selectFirst(".ethics-my-vote").text())
                .startsWith("You voted in this round: Positive with conditions.");

        page(form(url + "/ethics-votes", "ethics-second").param("vote", "positive").param("rationale", "Akkoord.")).assertStatus(302);

        Document owner = page("/staff", "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(owner);
        Element duty = owner.select("tr.inbox-duty").stream().filter(tr -> tr.text().contains(c.getName())).findFirst().orElseThrow();
        assertThat(duty.selectFirst("th a").text()).isEqualTo("Voorwaarden van de ethische commissie vervullen (1 open)");
        assertThat(duty.selectFirst("th a").attr("href")).isEqualTo(url + "#ethics-title");
        assertThat(duty.text()).contains("Gemeente Zoetermeer", "Projecteigenaar");
        assertThat(page("/staff?lang=en", "owner-zoetermeer").document().select("tr.inbox-duty").text())
                .contains("Meet the ethics committee's conditions (1 open)");
        assertThat(page("/staff", "owner-nissewaard").document().select("tr.inbox-duty").text())
                .as("only the case's own organisation").doesNotContain(c.getName());

        String action = page(url, "owner-zoetermeer").document().select("form[action*=/conditions/]").first().attr("action");
        page(form(action, "owner-zoetermeer").param("note", "Monitor ingericht.")).assertStatus(302);
        assertThat(page("/staff", "owner-zoetermeer").document().select("tr.inbox-duty").text()).doesNotContain(c.getName());
    }

    @Test
    void afterThePreScanTheCasePageShowsTheWayAhead() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("De weg vooruit")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        String url = "/staff/cases/" + c.getId();
        assertThat(page(url, "owner-zoetermeer").document().select("section.route-ahead"))
                .as("before the pre-scan nothing is known of the way ahead").isEmpty();

        completeTask("owner-zoetermeer", c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "profiling", "largeScale", "matchingDatasets")));

        Document page = page(url, "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(page);
        Element route = page.selectFirst("section.route-ahead");
        assertThat(route.selectFirst("h2").text()).isEqualTo("De weg naar publicatie");
        assertThat(route.select("li").eachAttr("data-stage")).containsExactly("DPIA", "DPIA_REVIEW", "PRIOR_CONSULTATION", "IAMA",
                "ETHICS_REVIEW", "PUBLICATION_REVIEW", "PUBLISHED");
        assertThat(route.select("li[aria-current=step]").attr("data-stage")).isEqualTo("DPIA");
        assertThat(route.select("li[data-stage=PRIOR_CONSULTATION]").text()).contains("alleen als het restrisico na de DPIA hoog blijft");
        assertThat(route.select("li[data-stage=ETHICS_REVIEW]").text()).isEqualTo("De ethische commissie stemt");
        assertThat(page(url + "?lang=en", "owner-zoetermeer").document().selectFirst("section.route-ahead h2").text())
                .isEqualTo("The way to publication");

        AlgorithmCase simple = awaitingRelease("owner-zoetermeer", complete(unique("Korte weg")));
        assertThat(page("/staff/cases/" + simple.getId(), "owner-zoetermeer").document().select("section.route-ahead li")
                .eachAttr("data-stage")).containsExactly("PUBLICATION_REVIEW", "PUBLISHED");
    }

    @Test
    void whileThePublicationRunsTheCaseSaysSoAndOncePublishedItLinksToItsPublicEntry() throws Exception {
        String name = unique("Wordt gepubliceerd");
        AlgorithmCase c = awaitingRelease("owner-capelle", complete(name));
        String url = "/staff/cases/" + c.getId();
        // the publication job is held back, so the page is seen between the release and the publication
        JobDefinition publication = managementService.createJobDefinitionQuery().processDefinitionKey("algorithm-review")
                .activityIdIn(ReviewProcess.PUBLISH_ACTIVITY).list().stream().findFirst().orElseThrow();
        managementService.suspendJobDefinitionById(publication.getId());
        try {
            completeTask("publisher-capelle", c.getId(), "releasePublication", new TaskCompletion("approve", "Klaar.", null));
            Document publishing = page(url, "owner-capelle").assertStatus(200).document();
            assertWellFormedPage(publishing);
            assertThat(publishing.selectFirst("dl.facts strong").text()).isEqualTo("Wordt gepubliceerd");
            assertThat(publishing.selectFirst(".case-publishing").text()).startsWith("Het algoritme is vrijgegeven");
            assertThat(publishing.select("section.route-ahead")).isEmpty();
        } finally {
            managementService.activateJobDefinitionById(publication.getId(), true);
        }
        awaitPublication(c.getId());
        PublishedEntry entry = register.current(name).stream().filter(e -> e.getCaseId().equals(c.getId())).findFirst().orElseThrow();

        Document published = page(url, "owner-capelle").assertStatus(200).document();
        assertWellFormedPage(published);
        assertThat(published.selectFirst("dl.facts strong").text()).isEqualTo("Gepubliceerd");
        assertThat(published.selectFirst("code.case-lars").text()).isEqualTo(entry.getLars());
        Element link = published.selectFirst("a.case-public-entry");
        assertThat(link.attr("href")).isEqualTo("/register/" + entry.getLars());
        assertThat(link.text()).isEqualTo("Bekijk versie 1 in het openbare register");
        assertThat(published.select(".case-publishing")).isEmpty();
        page(link.attr("href")).assertStatus(200);
    }

    private static Element rowOf(Document page, String caseName) {
        return page.select("table").get(0).select("tbody tr").stream().filter(tr -> tr.text().contains(caseName)).findFirst()
                .orElseThrow(() -> new AssertionError("No task row for " + caseName));
    }

    private AlgorithmCase atEthicsReview() {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Volgende stap")));
        cases.submit(staff("owner-zoetermeer"), created.getId());
        completeTask("owner-zoetermeer", created.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "profiling", "largeScale", "matchingDatasets")));
        completeTask("owner-zoetermeer", created.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        completeTask("privacy-zoetermeer", created.getId(), "reviewDpia", new TaskCompletion("approve", "Voldoende.", null));
        completeTask("owner-zoetermeer", created.getId(), "fillInIama", new TaskCompletion(null, null, IamaAnswers.proceeding()));
        return created;
    }
}
