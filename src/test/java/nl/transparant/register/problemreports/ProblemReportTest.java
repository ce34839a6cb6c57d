package nl.transparant.register.problemreports;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import nl.transparant.register.PublishedEntry;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** "Report a problem": a public form, a task for the owners through the process, "under review" until handled. */
class ProblemReportTest extends PageTestSupport {

    @Autowired
    ReportFormGuard guard;
    @Autowired
    ProblemReportRepository reports;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aReportReachesTheOwnersAsATaskAndShowsUntilTheTaskIsDone() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Melding ontvangen")));
        Document form = page("/register/" + entry.getLars() + "/melden").assertStatus(200).document();
        assertWellFormedPage(form);
        assertThat(form.selectFirst("label[for=report-message]").text()).isEqualTo("Uw melding");

        Page sent = page(send(entry, "De contactgegevens kloppen niet meer.", "melder@example.nl", ""));

        assertThat(sent.redirectedTo()).isEqualTo("/register/" + entry.getLars() + "/melden/verzonden");
        ProblemReport report = reports.findAll().stream().filter(r -> r.getLars().equals(entry.getLars())).findFirst().orElseThrow();
        assertThat(report.getStatus()).isEqualTo(ProblemReport.Status.UNDER_REVIEW);
        assertThat(report.getReplyAddress()).isEqualTo("melder@example.nl");
        assertThat(jdbc.queryForList("SELECT payload FROM decision_log WHERE event_type = 'problem-report-received' AND case_id = ?",
                String.class, entry.getCaseId()))
                .as("recorded in the decision log, without the message or the reply address")
                .singleElement().asString().contains(report.getId()).doesNotContain("melder@example.nl").doesNotContain("kloppen");
        Document detail = page("/register/" + entry.getLars()).document();
        assertThat(detail.selectFirst("[role=note]").text()).contains("probleem gemeld");

        ReviewTask task = task("owner-zoetermeer", entry.getCaseId(), "handleProblemReport");
        assertThat(task.organisation()).isEqualTo("zoetermeer");
        assertThat(reviewTasks.inbox(staff("owner-nissewaard"))).extracting(ReviewTask::id).doesNotContain(task.id());
        reviewProcess.complete(staff("owner-zoetermeer"), task.id(), new TaskCompletion(null, "Contactgegevens bijgewerkt.", null));

        ProblemReport handled = reports.findById(report.getId()).orElseThrow();
        assertThat(handled.getStatus()).isEqualTo(ProblemReport.Status.HANDLED);
        assertThat(handled.getHandledBy()).isNotBlank();
        assertThat(page("/register/" + entry.getLars()).document().select("[role=note]")).isEmpty();
    }

    @Test
    void botsAndHastyOrForgedFormsAreTurnedAwayWithoutStoringAnything() throws Exception {
        PublishedEntry entry = published("owner-capelle", "publisher-capelle", complete(unique("Spam")));

        Page honeypot = page(send(entry, "Koop nu goedkope horloges hier.", "", "https://spam.example"));
        assertThat(honeypot.redirectedTo()).as("a bot cannot tell").endsWith("/melden/verzonden");

        String fresh = guard.issue(entry.getLars());
        page(form(entry, "Te snel ingevuld door een script.", "", "", fresh)).assertStatus(400);
        page(form(entry, "Vervalste sleutel in het formulier.", "", "", "123.abc")).assertStatus(400);
        String otherEntry = guard.issue("00000000", Instant.now().minusSeconds(60));
        page(form(entry, "Sleutel van een ander algoritme.", "", "", otherEntry)).assertStatus(400);

        assertThat(reports.findAll()).noneMatch(r -> r.getLars().equals(entry.getLars()));
    }

    @Test
    void invalidInputIsExplainedNextToTheFieldsAndKept() throws Exception {
        PublishedEntry entry = published("owner-capelle", "publisher-capelle", complete(unique("Onvolledig")));

        Page page = page(send(entry, "kort", "geen-adres", ""));

        page.assertStatus(400);
        assertWellFormedPage(page.document());
        assertThat(page.document().selectFirst("#report-message").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.document().getElementById("report-message-error")).isNotNull();
        assertThat(page.document().getElementById("report-reply-error")).isNotNull();
        assertThat(page.document().selectFirst("#report-reply").val()).isEqualTo("geen-adres");
        // in the page's language: Dutch here, English on the English page
        assertThat(page.document().getElementById("report-message-error").text()).contains("Tussen 10 en 2.000 tekens.");
        assertThat(page.document().getElementById("report-reply-error").text())
                .contains("Een e-mailadres zoals naam@voorbeeld.nl, of niets.");
        assertThat(page.document().select("#report-message-error [lang=en], #report-reply-error [lang=en]")).isEmpty();
        Page english = page(post("/en/register/" + entry.getLars() + "/melden").with(csrf()).param("message", "kort")
                .param("replyAddress", "geen-adres").param("website", "")
                .param("formToken", guard.issue(entry.getLars(), Instant.now().minusSeconds(60))));
        english.assertStatus(400);
        assertThat(english.document().getElementById("report-message-error").text()).contains("Between 10 and 2,000 characters.");
        assertThat(english.document().getElementById("report-reply-error").text())
                .contains("An e-mail address such as name@example.nl, or nothing.");
        Page script = page(send(entry, "<script>alert(1)</script> klopt niet", "", ""));
        assertThat(script.redirectedTo()).endsWith("/melden/verzonden");
        assertThat(page("/register/" + entry.getLars()).html()).doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void oneAddressMaySendOnlyAFewReportsAnHour() throws Exception {
        PublishedEntry entry = published("owner-capelle", "publisher-capelle", complete(unique("Veel meldingen")));
        for (int i = 0; i < ReportFormGuard.PER_ADDRESS_PER_HOUR; i++) {
            assertThat(page(send(entry, "Melding nummer " + i + " van hetzelfde adres.", "", "").with(from("192.0.2.7"))).status())
                    .isEqualTo(302);
        }
        page(send(entry, "Een melding te veel van hetzelfde adres.", "", "").with(from("192.0.2.7"))).assertStatus(429);
        assertThat(page(send(entry, "Een ander adres mag wel melden.", "", "").with(from("192.0.2.8"))).status()).isEqualTo(302);
    }

    /** A post as a person sends it: with a form token issued a minute ago. */
    private MockHttpServletRequestBuilder send(PublishedEntry entry, String message, String reply, String honeypot) {
        return form(entry, message, reply, honeypot, guard.issue(entry.getLars(), Instant.now().minusSeconds(60)));
    }

    private static MockHttpServletRequestBuilder form(PublishedEntry entry, String message, String reply, String honeypot, String token) {
        return post("/register/" + entry.getLars() + "/melden").with(csrf())
                .param("message", message).param("replyAddress", reply).param("website", honeypot).param("formToken", token);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
