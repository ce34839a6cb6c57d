package nl.transparant.review;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import nl.transparant.cases.AlgorithmCase;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** "My work": the tasks a person can act on and the cases of their organisations, with the stage in words. */
class InboxPagesTest extends PageTestSupport {

    @Test
    void theInboxListsMyTasksAndMyOrganisationsCases() throws Exception {
        AlgorithmCase waiting = awaitingRelease("owner-nissewaard", complete(unique("Bijstand risicomodel")));
        AlgorithmCase draft = draft("owner-nissewaard", complete(unique("Nog een concept")));
        AlgorithmCase elsewhere = draft("owner-capelle", complete(unique("Capelse zaak")));
        ReviewTask release = task("publisher-nissewaard", waiting.getId(), "releasePublication");

        Document page = page("/staff", "publisher-nissewaard").assertStatus(200).document();

        assertWellFormedPage(page);
        assertThat(page.selectFirst("h1").text()).isEqualTo("Mijn werk");
        Element taskRow = page.select("table").get(0).select("tbody tr").stream()
                .filter(tr -> tr.text().contains(waiting.getName())).findFirst().orElseThrow();
        assertThat(taskRow.selectFirst("th a").text()).isEqualTo("Vrijgeven voor publicatie");
        assertThat(taskRow.selectFirst("th a").attr("href")).isEqualTo("/staff/cases/" + waiting.getId() + "#task-" + release.id());
        assertThat(taskRow.text()).contains("Gemeente Nissewaard", "Publicatieverantwoordelijke");

        Element caseTable = page.select("table").get(1);
        Element draftRow = caseTable.select("tbody tr").stream().filter(tr -> tr.text().contains(draft.getName())).findFirst().orElseThrow();
        assertThat(draftRow.text()).contains("Concept");
        Element waitingRow = caseTable.select("tbody tr").stream().filter(tr -> tr.text().contains(waiting.getName())).findFirst().orElseThrow();
        assertThat(waitingRow.text()).contains("Wacht op vrijgave voor publicatie");
        assertThat(page.text()).doesNotContain(elsewhere.getName());
        assertThat(page.select("a[href=/staff/cases/new]")).as("only owners register cases").isEmpty();
    }

    @Test
    void anOwnerSeesTheirOwnTasksAndCanRegisterACase() throws Exception {
        AlgorithmCase submitted = draft("owner-capelle", complete(unique("Zonnepanelen vinden")));
        cases.submit(staff("owner-capelle"), submitted.getId());

        Document page = page("/staff?lang=en", "owner-capelle").assertStatus(200).document();

        assertWellFormedPage(page);
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("a[href=/staff/cases/new]").text()).isEqualTo("Register a new algorithm");
        assertThat(page.select("table").get(0).text()).contains("Answer the pre-scan", submitted.getName());
        assertThat(page.select("table").get(1).text()).contains("Pre-scan to answer");
        assertThat(page.selectFirst("nav").text()).contains("My work", "Sign out").doesNotContain("Sign in");
        assertThat(page.selectFirst("form[action=/logout] input[name=_csrf]")).isNotNull();
    }

    @Test
    void aPrivacyOfficerWhoseCaseWaitsForTheSupervisorsAdviceHasThatDutyInMyWork() throws Exception {
        AlgorithmCase waiting = waitingForSupervisor("owner-zoetermeer", "privacy-zoetermeer");

        Document page = page("/staff", "privacy-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(page);
        Element duty = page.select("tr.inbox-duty").stream().filter(tr -> tr.text().contains(waiting.getName())).findFirst().orElseThrow();
        assertThat(duty.selectFirst("th a").text()).isEqualTo("Advies van de Autoriteit Persoonsgegevens vastleggen (voorafgaande raadpleging)");
        assertThat(duty.selectFirst("th a").attr("href")).isEqualTo("/staff/cases/" + waiting.getId() + "#supervisor-advice-title");
        assertThat(page.text()).doesNotContain("geen open taken");
        // the form it links to is there for the privacy officer
        assertThat(page("/staff/cases/" + waiting.getId(), "privacy-zoetermeer").document()
                .select("#supervisor-advice-title ~ form.task-form")).hasSize(1);
        assertThat(page("/staff", "owner-zoetermeer").document().select("tr.inbox-duty").text())
                .as("the owner records no advice").doesNotContain(waiting.getName());
    }
}
