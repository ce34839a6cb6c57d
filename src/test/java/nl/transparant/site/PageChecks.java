package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What every page must get right, whatever its content (WCAG 2.1 AA basics that a parser can check, and
 * readiness for a strict Content Security Policy: scripts only as deferred files from {@code /js/}, which merely
 * enhance a page that works without them). Used by every page test.
 */
public final class PageChecks {

    private PageChecks() {
    }

    public static void assertWellFormedPage(Document page) {
        assertThat(page.selectFirst("html").attr("lang")).as("html lang").isIn("nl", "en");
        assertThat(page.select("h1")).as("exactly one h1").hasSize(1);
        assertHeadingsInOrder(page);
        assertThat(page.selectFirst("a.skip-link[href=#main]")).as("skip link").isNotNull();
        assertThat(page.getElementById("main")).as("skip link target").isNotNull();
        assertThat(page.select("a[hreflang]")).as("language switch").isNotEmpty();
        assertUniqueIds(page);
        assertInputsLabelled(page);
        assertChoicesGrouped(page);
        assertDescriptionsExist(page);
        assertErrorSummariesTakeFocus(page);
        for (Element th : page.select("th")) {
            assertThat(th.attr("scope")).as("table header scope: %s", th).isIn("col", "row");
        }
        for (Element script : page.select("script")) {
            assertThat(script.attr("src")).as("scripts only as files of our own: %s", script).startsWith("/js/");
            assertThat(script.hasAttr("defer")).as("scripts only enhance the page when it is there: %s", script).isTrue();
            assertThat(script.data()).as("no inline script: %s", script).isBlank();
        }
        assertThat(page.select("style")).as("no style elements").isEmpty();
        assertThat(page.select("[style]")).as("no inline styles").isEmpty();
        assertThat(page.select("*").stream().flatMap(e -> e.attributes().asList().stream())
                .filter(a -> a.getKey().toLowerCase().startsWith("on"))).as("no inline event handlers").isEmpty();
        for (Element form : page.select("form[method=post]")) {
            assertThat(form.select("input[type=hidden][name=_csrf]")).as("CSRF token in %s", form.attr("action")).hasSize(1);
        }
    }

    private static void assertHeadingsInOrder(Document page) {
        int previous = 0;
        for (Element heading : page.select("h1, h2, h3, h4, h5, h6")) {
            int level = Integer.parseInt(heading.tagName().substring(1));
            assertThat(level).as("heading '%s' after level %d", heading.text(), previous).isLessThanOrEqualTo(previous + 1);
            previous = level;
        }
    }

    private static void assertUniqueIds(Document page) {
        Set<String> seen = new HashSet<>();
        for (Element e : page.select("[id]")) {
            assertThat(seen.add(e.id())).as("id '%s' is unique", e.id()).isTrue();
        }
    }

    private static void assertInputsLabelled(Document page) {
        for (Element input : page.select("input, select, textarea")) {
            String type = input.attr("type");
            if (Set.of("hidden", "submit", "button", "reset").contains(type)) {
                continue;
            }
            boolean labelled = !input.id().isEmpty() && !page.select("label[for=\"" + input.id() + "\"]").isEmpty()
                    || !input.attr("aria-label").isBlank()
                    || input.closest("label") != null;
            assertThat(labelled).as("label for %s", input).isTrue();
            if (!input.id().isEmpty()) {
                assertThat(page.selectFirst("label[for=\"" + input.id() + "\"]").text()).as("label text of %s", input.id()).isNotBlank();
            }
        }
    }

    private static void assertChoicesGrouped(Document page) {
        for (Element choice : page.select("input[type=radio], input[type=checkbox]")) {
            Element fieldset = choice.closest("fieldset");
            assertThat(fieldset).as("fieldset around %s", choice).isNotNull();
            assertThat(fieldset.selectFirst("legend")).as("legend of the group of %s", choice.attr("name")).isNotNull();
        }
    }

    /**
     * A form sent back with problems: js/error-summary.js moves focus to its error summary (or to a refusal told in a
     * notice, {@code data-refusal}), which takes focus only with {@code tabindex="-1"}, is announced as an alert, and
     * links each problem to an input that is on the page.
     */
    private static void assertErrorSummariesTakeFocus(Document page) {
        var summaries = page.select(".error-summary, [data-refusal]");
        if (summaries.isEmpty()) {
            return;
        }
        assertThat(page.select("script[src=/js/error-summary.js]")).as("the script that moves focus to the error summary").hasSize(1);
        for (Element summary : summaries) {
            assertThat(summary.attr("tabindex")).as("the error summary takes focus, outside the Tab order: %s", summary).isEqualTo("-1");
            assertThat(summary.attr("role")).as("the error summary is announced: %s", summary).isEqualTo("alert");
            for (Element link : summary.select("a[href^=#]")) {
                assertThat(page.getElementById(link.attr("href").substring(1))).as("the target of %s in the error summary", link)
                        .isNotNull();
            }
        }
    }

    private static void assertDescriptionsExist(Document page) {
        for (Element described : page.select("[aria-describedby]")) {
            for (String id : described.attr("aria-describedby").split("\\s+")) {
                assertThat(page.getElementById(id)).as("aria-describedby target '%s' of %s", id, described.tagName()).isNotNull();
            }
        }
    }
}
