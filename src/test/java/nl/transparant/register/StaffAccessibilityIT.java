package nl.transparant.register;

import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.1 AA as axe-core checks it, in headless Chromium, over the main staff pages, each signed in through Keycloak
 * as the person who uses it: a project owner's task list, a draft case, the English texts form, a case with the DPIA
 * form open, both forms sent back with errors, and a published entry's re-review move sent back with errors (focus then
 * starts at the form's error summary); a privacy officer's task list and case page with a review; an auditor's
 * audit records of the register and of one case; an ethics committee member's vote form; a publisher's import and
 * deliveries to the national register; an auditor's reports. Dutch and English. WCAG 2.2's target size is among axe's
 * rules, and focus may not be hidden behind other content. The same rules as {@link AccessibilityIT}: no
 * serious or critical violation, and the keyboard walk (skip link first, focus visible everywhere); a page sent back
 * with errors is checked for focus visibility only, as focus may start at its error summary.
 */
class StaffAccessibilityIT extends FullStackTest {

    @Test
    void theMainStaffPagesHaveNoSeriousOrCriticalViolations() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Api owner = as("owner-zoetermeer");
        String draft = createCase(owner, "Toegankelijk concept " + suffix);
        String dpia = createCase(owner, "Toegankelijke DPIA " + suffix);
        owner.post("/api/cases/" + dpia + "/submit", null);
        complete(owner, dpia, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "largeScale", true,
                "matchingDatasets", true))));
        String review = createCase(owner, "Toegankelijke beoordeling " + suffix);
        owner.post("/api/cases/" + review + "/submit", null);
        complete(owner, review, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "largeScale", true,
                "matchingDatasets", true))));
        complete(owner, review, "fillInDpia", Map.of("answers", nl.transparant.screening.DpiaAnswers.lowResidualRisk()));
        // a case at the ethics committee's vote (the vote form), past the DPIA and the IAMA
        String ethics = createCase(owner, "Toegankelijke stemming " + suffix);
        owner.post("/api/cases/" + ethics + "/submit", null);
        complete(owner, ethics, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "profiling", true,
                "largeScale", true, "matchingDatasets", true))));
        complete(owner, ethics, "fillInDpia", Map.of("answers", nl.transparant.screening.DpiaAnswers.lowResidualRisk()));
        complete(as("privacy-zoetermeer"), ethics, "reviewDpia", Map.of("outcome", "approve", "rationale", "Voldoende."));
        complete(owner, ethics, "fillInIama", Map.of("answers", nl.transparant.screening.IamaAnswers.proceeding()));

        // a published entry: the form that moves its re-review, sent back with errors on the case page
        String published = createCase(owner, "Toegankelijk gepubliceerd " + suffix);
        owner.post("/api/cases/" + published + "/submit", null);
        complete(owner, published, "answerPreScan", Map.of("answers", answers(Map.of())));
        complete(as("publisher-zoetermeer"), published, "releasePublication", Map.of("outcome", "approve", "rationale", "Ok"));
        awaitStage(owner, published, "PUBLISHED");

        String highRisk = createCase(owner, "Toegankelijk hoog risico " + suffix);
        owner.post("/api/cases/" + highRisk + "/submit", null);
        complete(owner, highRisk, "answerPreScan", Map.of("answers", answers(Map.of("aiSystem", true, "highRiskArea", true))));

        String base = "http://127.0.0.1:" + port;
        List<String> arguments = List.of(
                "--as=owner-zoetermeer",
                base + "/staff",
                base + "/staff/cases/" + draft,
                base + "/staff/cases/" + draft + "/english",
                base + "/staff/cases/" + draft + "/english?lang=en",
                "submit:" + base + "/staff/cases/" + draft + "/english",
                base + "/staff/cases/" + dpia,
                base + "/staff/cases/" + dpia + "?lang=en",
                "submit:" + base + "/staff/cases/" + dpia,
                "submit:" + base + "/staff/cases/" + published + "|/re-review",
                base + "/staff/cases/" + draft + "/edit",
                base + "/staff/cases/" + highRisk,
                base + "/staff/cases/" + highRisk + "/eu-registration",
                // in Dutch: a page above chose English for this browser (its cookie), ?lang=nl chooses Dutch again
                "bigfile:" + base + "/staff/cases/" + highRisk + "?lang=nl",
                "--as=privacy-zoetermeer",
                base + "/staff",
                base + "/staff/cases/" + review,
                "--as=ethics-regional",
                base + "/staff/cases/" + ethics,
                base + "/staff/cases/" + ethics + "?lang=en",
                "--as=publisher-zoetermeer",
                base + "/staff/register/import",
                base + "/staff/register/import?lang=en",
                base + "/staff/register/deliveries",
                base + "/staff/register/deliveries?lang=en",
                "--as=auditor-regional",
                base + "/staff/cases/" + review + "/reports/dpia",
                base + "/staff/cases/" + review + "/reports/pre-scan?lang=en",
                base + "/staff/audit",
                base + "/staff/audit?lang=en",
                base + "/staff/audit/cases/" + dpia);
        List<String> pages = arguments.stream().filter(a -> !a.startsWith("--as=")).toList();

        JsonNode report = Api.JSON.readTree(AccessibilityIT.axe(arguments));

        assertThat(report).hasSize(pages.size());
        List<String> problems = new ArrayList<>();
        for (JsonNode page : report) {
            String url = page.get("url").asText() + " as " + page.get("user").asText();
            boolean afterSubmit = page.get("url").asText().startsWith("submit:");
            assertThat(page.get("status").asInt()).as(url).isEqualTo(afterSubmit ? 400 : 200);
            assertThat(page.get("passes").asInt()).as("axe ran on %s", url).isPositive();
            if (page.get("url").asText().startsWith("bigfile:")) {
                // a file of evidence over 5 MB is refused in the browser, at the field, before anything is sent (the
                // server's 413 for a large one lost what was typed: outside tester)
                JsonNode refused = page.get("fileRefused");
                assertThat(refused.get("found").asBoolean()).as("%s has a limited file input", url).isTrue();
                assertThat(refused.get("errorShown").asBoolean()).as("%s shows why the file is refused", url).isTrue();
                assertThat(refused.get("errorText").asText()).isEqualTo("Dit bestand is groter dan 5 MB. Kies een kleiner bestand.");
                assertThat(refused.get("focused").asBoolean()).as("%s puts focus on the file input", url).isTrue();
                assertThat(refused.get("requestsSent").asInt()).as("%s sent nothing", url).isZero();
            }
            // a form sent back with errors: focus starts at its error summary (js/error-summary.js), inside that form;
            // on any other page nothing takes focus before the person does
            JsonNode focus = page.get("focusOnLoad");
            if (afterSubmit && (focus.isNull() || !focus.get("errorSummary").asBoolean())) {
                problems.add(url + ": focus does not start at the error summary but at " + focus);
            } else if (afterSubmit && page.get("url").asText().endsWith("|/re-review")
                    && !focus.get("form").asText().endsWith("/re-review")) {
                problems.add(url + ": focus starts at an error summary outside the refused form: " + focus);
            } else if (afterSubmit && !page.get("summaryLink").get("target").isNull()
                    && (!page.get("summaryLink").get("target").asText().equals(page.get("summaryLink").get("focused").asText())
                            || !page.get("summaryLink").get("labelInView").asBoolean())) {
                // Enter on a link of the summary puts focus in its input, ready to correct, with its label in view (the
                // browser scrolled the input to the top of the window and the label out of it)
                problems.add(url + ": the error summary's first link does not reach its input with its label in view: "
                        + page.get("summaryLink"));
            } else if (!afterSubmit && !page.get("url").asText().startsWith("bigfile:") && !focus.isNull()) {
                problems.add(url + ": focus taken on load by " + focus);
            }
            JsonNode keyboard = page.get("keyboard");
            // after a submit or a refused file, focus is on the form, not at the top of the page
            boolean focusInForm = afterSubmit || page.get("url").asText().startsWith("bigfile:");
            if (!focusInForm && (!keyboard.get("skipLinkFirst").asBoolean() || !keyboard.get("skipLinkVisible").asBoolean()
                    || !keyboard.get("skipTargetFocused").asBoolean())) {
                problems.add(url + ": the first Tab does not reach a visible skip link that moves focus to the content: " + keyboard);
            }
            if (keyboard.get("positiveTabindex").asInt() > 0 || !keyboard.get("unmarked").isEmpty()) {
                problems.add(url + ": focus order changed by tabindex, or focus not visible on " + keyboard.get("unmarked"));
            }
            if (!keyboard.get("obscured").isEmpty()) {
                problems.add(url + ": focus hidden behind other content (WCAG 2.2, 2.4.11) on " + keyboard.get("obscured"));
            }
            if (keyboard.get("reached").asInt() == 0) {
                problems.add(url + ": the Tab key reaches nothing");
            }
            for (JsonNode violation : page.get("violations")) {
                String impact = violation.get("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    problems.add(url + ": " + impact + " " + violation.get("id").asText() + " (" + violation.get("help").asText()
                            + ") at " + violation.get("nodes"));
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
