package nl.transparant.obligations;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.register.PublishedEntry;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.livingentry.EntryUpkeepProcess;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A changed catalogue reaches the cases it touches: the owner gets a task on the case page once per version, a published
 * entry's re-review comes due at once, both are in the decision log; the auditor's case view shows the checklist read-only.
 */
class ObligationsUpkeepTest extends PageTestSupport {

    private static final String CAREFUL = "urn:nl:transparant:ver:awb-zorgvuldig";

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    EntryUpkeepProcess entryUpkeep;

    @Test
    void aNewVersionOfAnApplicableRequirementGivesTheOwnerATaskOnce() throws Exception {
        AlgorithmCase c = awaitingRelease("owner-zoetermeer", complete(unique("Kader gewijzigd")));
        String url = "/staff/cases/" + c.getId();
        assertThat(page(url, "owner-zoetermeer").document().select(".obligations__notices")).isEmpty();

        // what a reload that brings a new version of the requirement announces (ObligationsCatalogueTest covers the reload itself)
        reloaded(CAREFUL, "urn:nl:transparant:ver:aia-eu-databank");
        Document owner = page(url, "owner-zoetermeer").document();
        assertWellFormedPage(owner);
        assertThat(owner.select(".obligations__notices li").eachAttr("data-urn")).containsExactly(CAREFUL);
        assertThat(owner.select(".obligations__notices").text()).contains("Het Algoritmekader is gewijzigd: 1 verplichting(en)");
        assertThat(changeRecords(c.getId())).containsExactly("obligations-changed");

        reloaded(CAREFUL);
        assertThat(changeRecords(c.getId())).as("once per version").containsExactly("obligations-changed");

        page(form(url + "/obligations/notices", "publisher-zoetermeer")).assertStatus(403);
        page(form(url + "/obligations/notices", "owner-zoetermeer")).assertStatus(302);
        assertThat(page(url, "owner-zoetermeer").document().select(".obligations__notices")).isEmpty();
        page(form(url + "/obligations/notices", "owner-zoetermeer")).assertStatus(409);
        assertThat(changeRecords(c.getId())).containsExactly("obligations-changed", "obligations-change-acknowledged");

        Document audit = page("/staff/audit/cases/" + c.getId(), "auditor-regional").assertStatus(200).document();
        assertThat(audit.select("#obligations-title")).hasSize(1);
        assertThat(audit.select("#obligations .obligations__requirements li").eachAttr("data-urn")).contains(CAREFUL);
        assertThat(audit.select("#obligations form")).isEmpty();
    }

    @Test
    void aPublishedEntryTouchedByTheChangeIsDueForItsReReviewNow() {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Gepubliceerd en gewijzigd kader")));
        Instant planned = entryUpkeep.nextReReview(entry.getCaseId()).orElseThrow();
        assertThat(planned).isAfter(Instant.now().plusSeconds(3600));

        reloaded(CAREFUL);
        assertThat(entryUpkeep.nextReReview(entry.getCaseId()).orElseThrow()).isBefore(Instant.now().plusSeconds(1));
        assertThat(jdbc.queryForObject("SELECT payload FROM decision_log WHERE case_id = ? AND event_type = 'obligations-changed'",
                String.class, entry.getCaseId())).contains("\"publishedEntry\":true");
    }

    @Test
    void anOrganisationThatOptedInShowsTheRequirementsItsOwnerDeclaredMetOnTheLatestPublicEntry() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Openbaar voldaan")));
        String url = "/register/" + entry.getLars();
        assertThat(page(url).assertStatus(200).document().select(".declared-met")).isEmpty();

        for (String measure : List.of("org-deskundigheid", "pba-probleem", "uit-archiveren")) {
            page(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/staff/cases/" + entry.getCaseId() + "/obligations")
                    .param("measure", "urn:nl:transparant:mtr:" + measure).param("status", "done").param("evidenceText", "Intern bewijs " + measure)
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication(as("owner-zoetermeer")))
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).assertStatus(302);
        }
        Page shown = page(url).assertStatus(200);
        assertWellFormedPage(shown.document());
        assertThat(shown.document().select(".declared-met li").eachAttr("data-urn")).containsExactly(CAREFUL);
        assertThat(shown.html()).as("the evidence stays with the case").doesNotContain("Intern bewijs");
        assertThat(page(url + "/versions/1").document().select(".declared-met")).as("a version page is cached for a year").isEmpty();
    }

    private void reloaded(String... urns) {
        transactions.executeWithoutResult(status -> events.publishEvent(new ObligationEvents.CatalogueChanged(List.of(urns))));
    }

    private List<String> changeRecords(String caseId) {
        return jdbc.queryForList("SELECT event_type FROM decision_log WHERE case_id = ? AND event_type LIKE 'obligations-change%' ORDER BY seq",
                String.class, caseId);
    }
}
