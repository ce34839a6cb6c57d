package nl.transparant.register;

import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.1 AA as axe-core checks it, in headless Chromium, over the public register: the overview, search results,
 * a detail page, an earlier version with its changes, an organisation and the report form, in Dutch and English.
 * No serious or critical violation may remain, and the keyboard alone must work: the first Tab reaches a visible skip
 * link that moves focus to the content, no positive tabindex reorders the page, and every element the Tab key reaches
 * shows its focus. Needs node and /usr/bin/chromium (.ci/run installs it); the npm
 * packages are installed from src/test/a11y/package-lock.json when missing.
 */
class AccessibilityIT extends FullStackTest {

    static final Path SCRIPT_DIR = Path.of("src/test/a11y");

    @Test
    void thePublicPagesHaveNoSeriousOrCriticalViolations() throws Exception {
        String name = "Toegankelijk algoritme " + UUID.randomUUID().toString().substring(0, 8);
        String lars = publish(name);
        String base = "http://127.0.0.1:" + port;
        List<String> pages = List.of(
                base + "/register",
                base + "/register?q=toegankelijk",
                base + "/register?q=toegankelijk&status=In%20ontwikkeling&sorteer=name_desc",
                base + "/register/" + lars,
                base + "/register/" + lars + "/versions/1",
                base + "/register/organisaties/zoetermeer",
                base + "/register/" + lars + "/melden",
                base + "/en/register",
                base + "/en/register?q=accessible",
                base + "/en/register/" + lars,
                base + "/en/register/" + lars + "/versions/1",
                base + "/en/register/organisaties/zoetermeer",
                base + "/en/register/" + lars + "/melden");

        JsonNode report = Api.JSON.readTree(axe(pages));

        List<String> problems = new ArrayList<>();
        for (JsonNode page : report) {
            assertThat(page.get("status").asInt()).as(page.get("url").asText()).isEqualTo(200);
            assertThat(page.get("passes").asInt()).as("axe ran on %s", page.get("url").asText()).isPositive();
            JsonNode keyboard = page.get("keyboard");
            String url = page.get("url").asText();
            if (!keyboard.get("skipLinkFirst").asBoolean() || !keyboard.get("skipLinkVisible").asBoolean()) {
                problems.add(url + ": the first Tab does not reach a visible, marked skip link: " + keyboard);
            }
            if (!keyboard.get("skipTargetFocused").asBoolean()) {
                problems.add(url + ": the skip link does not move focus to the main content: " + keyboard);
            }
            if (keyboard.get("positiveTabindex").asInt() > 0 || !keyboard.get("unmarked").isEmpty()) {
                problems.add(url + ": focus order changed by tabindex, or focus not visible on " + keyboard.get("unmarked"));
            }
            if (!keyboard.get("obscured").isEmpty()) {
                problems.add(url + ": focus hidden behind other content (WCAG 2.2, 2.4.11) on " + keyboard.get("obscured"));
            }
            if (keyboard.get("reached").asInt() == 0) {
                problems.add(url + ": the Tab key reaches nothing after the skip link");
            }
            for (JsonNode violation : page.get("violations")) {
                String impact = violation.get("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    problems.add(page.get("url").asText() + ": " + impact + " " + violation.get("id").asText() + " ("
                            + violation.get("help").asText() + ") at " + violation.get("nodes"));
                }
            }
        }
        assertThat(report).hasSize(pages.size());
        assertThat(problems).isEmpty();
    }

    /** The axe report for these URLs; "--as=USER" signs USER in for the URLs after it (axe-check.mjs). */
    static String axe(List<String> urls) throws IOException, InterruptedException {
        if (!Files.isDirectory(SCRIPT_DIR.resolve("node_modules/axe-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        }
        List<String> command = new ArrayList<>(List.of("node", "axe-check.mjs"));
        command.addAll(urls);
        return run(command, 300);
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        File errors = File.createTempFile("axe", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(SCRIPT_DIR.toFile()).redirectError(errors);
        builder.environment().put("AXE_PASSWORD", nl.transparant.support.KeycloakTestServer.PASSWORD); // the demo accounts'
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        assertThat(process.exitValue()).as("%s failed: %s", command, Files.readString(errors.toPath())).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private String publish(String name) {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, name);
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of())));
        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Ok"));
        awaitStage(owner, caseId, "PUBLISHED");
        return anonymous().post("/api/algoritme/NLD", Map.of("searchtext", name)).json().get("results").get(0).get("lars").asText();
    }
}
