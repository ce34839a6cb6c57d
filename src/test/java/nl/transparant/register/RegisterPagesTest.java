package nl.transparant.register;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.transparant.site.PageTestSupport;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The public register pages: published data only, the standard's titles, safe output, every version. */
class RegisterPagesTest extends PageTestSupport {

    @Autowired
    PublishedEntries entries;

    @Test
    void theOverviewListsPublishedEntriesAndNeverADraft() throws Exception {
        String publishedName = unique("Bomen onderhoud voorspellen");
        Map<String, Object> fields = complete(publishedName);
        fields.put("description_short", "Voorspelt welke bomen onderhoud nodig hebben.");
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", fields);
        String draftName = unique("Geheim concept");
        draft("owner-zoetermeer", complete(draftName));
        String waitingName = unique("Wacht op vrijgave");
        awaitingRelease("owner-zoetermeer", complete(waitingName));

        Document page = page("/register").assertStatus(200).document();

        assertWellFormedPage(page);
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("nl");
        Element card = page.select("li.entry-card").stream()
                .filter(li -> li.text().contains(publishedName)).findFirst().orElseThrow();
        assertThat(card.selectFirst("h3 a").attr("href")).isEqualTo("/register/" + entry.getLars());
        assertThat(card.text()).contains("Gemeente Zoetermeer", "Voorspelt welke bomen onderhoud nodig hebben.",
                "In gebruik", "Overige algoritmes");
        assertThat(page.text()).doesNotContain(draftName).doesNotContain(waitingName);
        assertThat(page.selectFirst("label[for=q]").text()).isEqualTo("Zoeken in het register");
    }

    @Test
    void searchFindsByTextAndShowsTheSearchEscaped() throws Exception {
        String name = unique("Parkeervergunningen controleren");
        published("owner-capelle", "publisher-capelle", complete(name));

        Document found = page("/register?q=" + name.substring(name.length() - 8)).assertStatus(200).document();
        assertThat(found.select("li.entry-card")).hasSize(1);
        assertThat(found.selectFirst("li.entry-card").text()).contains(name);
        assertThat(found.selectFirst("input#q").val()).isEqualTo(name.substring(name.length() - 8));

        String attack = "<script>alert(1)</script>";
        Page page = page(get("/register").param("q", attack));
        assertThat(page.document().select("script:not([src=/js/error-summary.js])")).as("no script but the site's own").isEmpty();
        assertThat(page.html()).doesNotContain(attack).contains("&lt;script&gt;");
        assertThat(page.document().selectFirst("input#q").val()).isEqualTo(attack);
        assertWellFormedPage(page.document());
    }

    @Test
    void aTooLongSearchIsExplainedNextToTheSearchBox() throws Exception {
        Page page = page(get("/register").param("q", "x".repeat(201)));

        page.assertStatus(400);
        Element input = page.document().selectFirst("input#q");
        assertThat(input.attr("aria-invalid")).isEqualTo("true");
        assertThat(input.attr("aria-describedby")).contains("q-error");
        assertThat(page.document().getElementById("q-error").text()).contains("200");
        assertWellFormedPage(page.document());
    }

    @Test
    void theDetailShowsEveryFilledFieldWithTheStandardsTitles() throws Exception {
        String name = unique("Meldingen openbare ruimte sorteren");
        Map<String, Object> fields = complete(name);
        fields.put("category", List.of("Wonen", "Verkeer"));
        fields.put("goal", "<p>Meldingen sneller bij de juiste afdeling.</p><ul><li>minder wachten</li></ul>");
        fields.put("website", "https://www.zoetermeer.nl/meldingen");
        fields.put("lawful_basis_grouping", List.of(Map.of("title", "Gemeentewet", "link", "https://wetten.overheid.nl/BWBR0005416")));
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", fields);

        Document page = page("/register/" + entry.getLars()).assertStatus(200).document();

        assertWellFormedPage(page);
        assertThat(page.selectFirst("h1").text()).isEqualTo(name);
        assertThat(field(page, "name")).isEqualTo("Naam");
        assertThat(field(page, "description_short")).isEqualTo("Korte omschrijving");
        assertThat(field(page, "organization")).isEqualTo("Organisatienaam");
        assertThat(value(page, "organization").text()).isEqualTo("Gemeente Zoetermeer");
        assertThat(value(page, "category").select("li").eachText()).containsExactly("Wonen", "Verkeer");
        assertThat(value(page, "goal").select("p").text()).isEqualTo("Meldingen sneller bij de juiste afdeling.");
        assertThat(value(page, "goal").select("ul li").text()).isEqualTo("minder wachten");
        assertThat(value(page, "website").selectFirst("a").attr("href")).isEqualTo("https://www.zoetermeer.nl/meldingen");
        Element law = value(page, "lawful_basis_grouping").selectFirst("a");
        assertThat(law.text()).isEqualTo("Gemeentewet");
        assertThat(law.attr("href")).isEqualTo("https://wetten.overheid.nl/BWBR0005416");
        assertThat(value(page, "lars").text()).isEqualTo(entry.getLars());
        assertThat(page.select("#field-end_date")).as("empty fields are left out").isEmpty();
        assertThat(page.select("ol.version-list a").eachAttr("href"))
                .containsExactly("/register/" + entry.getLars() + "/versions/1");
    }

    @Test
    void theEnglishPageShowsEnglishTitlesAndTranslatedValues() throws Exception {
        String name = unique("Zonnepanelen op luchtfoto's");
        Map<String, Object> fields = complete(name);
        fields.put("category", List.of("Wonen"));
        PublishedEntry entry = published("owner-capelle", "publisher-capelle", fields);

        Page page = page("/en/register/" + entry.getLars()).assertStatus(200);
        Document document = page.document();

        assertWellFormedPage(document);
        assertThat(document.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(field(document, "name")).isEqualTo("Name");
        assertThat(field(document, "description_short")).isEqualTo("Short description");
        assertThat(field(document, "organization")).isEqualTo("Organisation name");
        assertThat(value(document, "status").text()).isEqualTo("In use");
        assertThat(value(document, "category").text()).isEqualTo("Housing");
        assertThat(value(document, "publication_category").text()).isEqualTo("Other algorithms");
        assertThat(document.selectFirst("a[hreflang=nl]").attr("href")).isEqualTo("/register/" + entry.getLars());
        // the language is in the address: nothing to remember
        assertThat(page.result().getResponse().getCookie("transparant-lang")).isNull();
    }

    @Test
    void richTextIsSanitisedAgainOnTheWayOutAndOnlyWebLinksBecomeLinks() throws Exception {
        // written around the input validation, as a value from an older import or a manual fix might be
        Map<String, Object> fields = new LinkedHashMap<>(complete(unique("Onveilig opgeslagen")));
        fields.put("organization", "Gemeente Zoetermeer");
        fields.put("goal", "<p onclick=\"steal()\">Doel</p><script>alert('xss')</script><img src=x onerror=alert(1)><a href=\"https://evil.example\">klik</a>");
        fields.put("website", "javascript:alert(1)");
        fields.put("lawful_basis_grouping", List.of(
                Map.of("title", "Slechte link", "link", "javascript:alert(2)"),
                Map.of("title", "Goede link", "link", "https://wetten.overheid.nl/")));
        PublishedEntry unsafe = entries.save(new PublishedEntry(UUID.randomUUID().toString(), "9" + System.nanoTime() % 10_000_000,
                1, "zoetermeer", fields, Instant.now(), "test"));

        Page page = page("/register/" + unsafe.getLars()).assertStatus(200);
        Document document = page.document();

        assertThat(document.select("script:not([src=/js/error-summary.js]), img, [onclick], [onerror]")).isEmpty();
        assertThat(value(document, "goal").selectFirst("div.rich-text").html()).isEqualTo("<p>Doel</p>klik");
        assertThat(value(document, "website").select("a")).isEmpty();
        assertThat(value(document, "website").text()).isEqualTo("javascript:alert(1)");
        assertThat(document.select("a").eachAttr("href")).noneMatch(href -> href.toLowerCase().startsWith("javascript"));
        assertThat(value(document, "lawful_basis_grouping").select("a").eachText()).containsExactly("Goede link");
        assertThat(value(document, "lawful_basis_grouping").text()).contains("Slechte link");
    }

    @Test
    void everyPublishedVersionHasItsOwnPage() throws Exception {
        String name = unique("Versies volgen");
        PublishedEntry first = published("owner-zoetermeer", "publisher-zoetermeer", complete(name));
        Map<String, Object> changed = new LinkedHashMap<>(first.getFields());
        changed.put("description_short", "Tweede versie van de omschrijving.");
        PublishedEntry second = entries.save(new PublishedEntry(first.getCaseId(), first.getLars(), 2, "zoetermeer", changed,
                Instant.now(), "publisher-zoetermeer"));

        Document latest = page("/register/" + first.getLars()).assertStatus(200).document();
        assertThat(value(latest, "description_short").text()).isEqualTo("Tweede versie van de omschrijving.");
        assertThat(latest.select("ol.version-list a").eachAttr("href")).containsExactly(
                "/register/" + first.getLars() + "/versions/2", "/register/" + first.getLars() + "/versions/1");
        assertThat(latest.select("ol.version-list a[aria-current=page]").attr("href")).endsWith("/versions/2");

        Document old = page("/register/" + first.getLars() + "/versions/1").assertStatus(200).document();
        assertWellFormedPage(old);
        assertThat(value(old, "description_short").text()).isEqualTo("Korte omschrijving van " + name + ".");
        assertThat(old.selectFirst("[role=note]").text()).contains("versie 1", "versie 2");
        assertThat(second.getVersionNumber()).isEqualTo(2);
    }

    @Test
    void anUnknownEntryOrVersionIsAFriendlyNotFoundPage() throws Exception {
        for (String url : List.of("/register/00000000", "/register/00000000/versions/1", "/register/abc/versions/not-a-number")) {
            Page page = page(url).assertStatus(404);
            assertWellFormedPage(page.document());
            assertThat(page.document().selectFirst("h1").text()).isEqualTo("Niet gevonden");
            assertThat(page.html()).doesNotContain("Exception").doesNotContain("at nl.transparant");
        }
        Page english = page("/en/register/00000000").assertStatus(404);
        assertThat(english.document().selectFirst("h1").text()).isEqualTo("Not found");
    }

    private static String field(Document page, String key) {
        return page.selectFirst("#field-" + key + " dt").text();
    }

    private static Element value(Document page, String key) {
        Element row = page.selectFirst("#field-" + key + " dd");
        assertThat(row).as("field %s on the page", key).isNotNull();
        return row;
    }
}
