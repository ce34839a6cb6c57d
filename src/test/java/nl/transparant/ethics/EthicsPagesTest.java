package nl.transparant.ethics;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.IamaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.TaskCompletion;
import org.junit.jupiter.api.Test;

/** On the case page the committee votes instead of completing its task; the owner marks conditions met; both languages. */
class EthicsPagesTest extends PageTestSupport {

    @Test
    void membersVoteOnTheCasePageAndTheOwnerMarksTheConditionsMet() throws Exception {
        AlgorithmCase c = atEthicsReview();
        String url = "/staff/cases/" + c.getId();

        Page before = page(url, "ethics-regional").assertStatus(200);
        assertWellFormedPage(before.document());
        assertThat(before.document().select("form[action$=/ethics-votes] input[name=vote]")).extracting(e -> e.val())
                .containsExactly("positive", "positive-with-conditions", "negative");
        assertThat(before.document().select("form[action*=/tasks/]")).as("no direct completion of reviewEthics").isEmpty();
        assertThat(page(url + "?lang=en", "ethics-regional").html()).contains("Cast vote", "Positive with conditions");
        assertThat(page(url, "owner-zoetermeer").document().select("form[action$=/ethics-votes]")).isEmpty();

        page(form(url + "/ethics-votes", "ethics-regional").param("vote", "positive-with-conditions")
                .param("rationale", "Proportioneel.").param("conditions", "Jaarlijkse biasmonitor\r\n\r\nEvaluatie na een jaar"))
                .assertStatus(302);
        Page voted = page(url, "ethics-regional");
        assertThat(voted.document().select("form[action$=/ethics-votes]")).as("one vote per round").isEmpty();
        assertThat(voted.html()).contains("Stemmen in deze ronde", "Jaarlijkse biasmonitor", "zo bepaalt het beleid van de ethische commissie")
                .as("the rule in words, not a file path").doesNotContain("policies/ethics-committee.yaml");
        page(form(url + "/ethics-votes", "ethics-regional").param("vote", "negative").param("rationale", "Toch niet."))
                .assertStatus(409);
        // refused: the case page again with the vote as it was sent and its error summary (where focus starts), linked
        // to the choice (the problem page lost the rationale typed)
        Page refusedVote = page(form(url + "/ethics-votes", "ethics-second").param("vote", "maybe").param("rationale", "Hm.")
                .param("conditions", "Eerst een pilot"));
        refusedVote.assertStatus(400);
        assertWellFormedPage(refusedVote.document());
        assertThat(refusedVote.document().select(".error-summary, [data-refusal]")).singleElement()
                .satisfies(summary -> assertThat(summary.closest("form").attr("action")).endsWith("/ethics-votes"));
        assertThat(refusedVote.document().select(".error-summary a").eachAttr("href")).containsExactly("#ethics-vote");
        assertThat(refusedVote.document().select(".error-summary").text()).contains("Uw stem:");
        assertThat(refusedVote.document().selectFirst("#ethics-vote-error")).isNotNull();
        assertThat(refusedVote.document().selectFirst("textarea#ethics-rationale").text()).as("what was typed is kept").isEqualTo("Hm.");
        assertThat(refusedVote.document().selectFirst("textarea#ethics-conditions").text()).isEqualTo("Eerst een pilot");

        page(form(url + "/ethics-votes", "ethics-second").param("vote", "positive").param("rationale", "Akkoord.")).assertStatus(302);
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.PUBLICATION_REVIEW);

        Page publisher = page(url, "publisher-zoetermeer").assertStatus(200);
        assertThat(publisher.html()).contains("Nog 2 voorwaarden van de ethische commissie niet voldaan.");
        assertThat(publisher.document().select("form[action*=/conditions/]")).isEmpty();

        String release = url + "/tasks/" + task("publisher-zoetermeer", c.getId(), "releasePublication").id();
        Page blocked = page(form(release, "publisher-zoetermeer").param("outcome", "approve").param("rationale", "Akkoord."));
        blocked.assertStatus(409);
        assertWellFormedPage(blocked.document());
        assertThat(blocked.document().select(".error-summary").text()).contains("Vrijgeven kan nog niet: 2 voorwaarden");
        assertThat(blocked.document().select(".task-blocked")).as("said by the error, not repeated by the hint").isEmpty();
        String fullSentence = "Vrijgeven kan nog niet: 2 voorwaarden";
        assertThat(blocked.document().text().split(java.util.regex.Pattern.quote(fullSentence), -1)).as("the full sentence once").hasSize(2);
        assertThat(blocked.document().select(".field-error").text()).contains("Nog niet mogelijk: zie de melding bovenaan het formulier.");
        // "Mijn werk" says what the release waits for before the publisher tries
        org.jsoup.nodes.Element inboxRow = page("/staff", "publisher-zoetermeer").document().select("tbody tr").stream()
                .filter(tr -> tr.text().contains(c.getName()) && tr.selectFirst("th a") != null
                        && tr.selectFirst("th a").text().equals("Vrijgeven voor publicatie")).findFirst().orElseThrow();
        assertThat(inboxRow.selectFirst(".task-waits-for").text()).isEqualTo("wacht op: 2 open voorwaarden van de ethische commissie");
        assertThat(publisher.document().select(".task-blocked").text()).contains("Vrijgeven kan nog niet: 2 voorwaarden");
        assertThat(page(form(release + "?lang=en", "publisher-zoetermeer").param("outcome", "approve").param("rationale", "OK."))
                .assertStatus(409).html()).contains("The entry cannot be released yet: 2 conditions");

        Page owner = page(url, "owner-zoetermeer");
        String action = owner.document().select("form[action*=/conditions/]").first().attr("action");
        page(form(action, "publisher-zoetermeer").param("note", "Klaar.")).assertStatus(403);
        // a note with markup: the case page again, the note kept at that condition's form with its error summary
        Page refusedNote = page(form(action, "owner-zoetermeer").param("note", "<b>Klaar</b>"));
        refusedNote.assertStatus(400);
        assertWellFormedPage(refusedNote.document());
        String noteId = refusedNote.document().selectFirst("form[action=\"" + action + "\"] textarea[name=note]").id();
        assertThat(refusedNote.document().select(".error-summary, [data-refusal]")).singleElement()
                .satisfies(summary -> assertThat(summary.closest("form").attr("action")).isEqualTo(action));
        assertThat(refusedNote.document().select(".error-summary a").eachAttr("href")).containsExactly("#" + noteId);
        assertThat(refusedNote.document().getElementById(noteId).text()).isEqualTo("<b>Klaar</b>");
        assertThat(refusedNote.document().getElementById(noteId).attr("aria-invalid")).isEqualTo("true");
        page(form(action, "owner-zoetermeer").param("note", "Monitor ingericht.")).assertStatus(302);
        assertThat(page(url + "?lang=en", "owner-zoetermeer").html()).contains("One condition of the ethics committee not yet met.",
                "Met according to Sanne de Vries: Monitor ingericht.");
    }

    private AlgorithmCase atEthicsReview() {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Ethiek op de pagina")));
        cases.submit(staff("owner-zoetermeer"), created.getId());
        completeTask("owner-zoetermeer", created.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "profiling", "largeScale", "matchingDatasets")));
        completeTask("owner-zoetermeer", created.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        completeTask("privacy-zoetermeer", created.getId(), "reviewDpia", new TaskCompletion("approve", "Voldoende.", null));
        completeTask("owner-zoetermeer", created.getId(), "fillInIama", new TaskCompletion(null, null, IamaAnswers.proceeding()));
        return created;
    }
}
