package nl.transparant.register;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.site.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/** Overview filters and pages, the organisation page, changes between versions, and cache headers. */
class RegisterBrowsingTest extends PageTestSupport {

    @Autowired
    PublishedEntries entries;
    @Autowired
    RegisterListing listing;

    @Test
    void theOverviewFiltersSortsAndPagesInBothLanguages() throws Exception {
        String marker = AlgoritmeApiTest.marker();
        for (int i = 0; i < 23; i++) {
            Map<String, Object> fields = complete(String.format("Algoritme %02d %s", i, marker));
            if (i == 7) {
                fields.put("status", "In ontwikkeling");
            }
            published("owner-zoetermeer", "publisher-zoetermeer", fields);
        }

        Document first = page("/register?q=" + marker + "&sorteer=name_asc").assertStatus(200).document();
        assertWellFormedPage(first);
        assertThat(first.select("li.entry-card")).hasSize(20);
        assertThat(first.selectFirst("li.entry-card h3").text()).isEqualTo("Algoritme 00 " + marker);
        assertThat(first.selectFirst("nav.pagination").text()).contains("Pagina 1 van 2");
        String next = first.selectFirst("nav.pagination a[rel=next]").attr("href");
        assertThat(next).contains("pagina=2").contains("q=" + marker);
        Document second = page(next).assertStatus(200).document();
        assertThat(second.select("li.entry-card")).hasSize(3);

        Document filtered = page(get("/register").param("q", marker).param("status", "In ontwikkeling")).assertStatus(200).document();
        assertThat(filtered.select("li.entry-card h3").eachText()).containsExactly("Algoritme 07 " + marker);
        assertThat(filtered.selectFirst("select#filter-status option[selected]").val()).isEqualTo("In ontwikkeling");
        assertThat(filtered.selectFirst("details.filters").hasAttr("open")).isTrue();

        Document english = page(get("/en/register").param("q", marker).param("status", "In ontwikkeling")).assertStatus(200).document();
        assertWellFormedPage(english);
        assertThat(english.selectFirst("select#filter-status option[selected]").text()).isEqualTo("In development");
        assertThat(english.selectFirst("label[for=filter-thema]").text()).isEqualTo("Theme");

        Page unknown = page("/register?status=Verzonnen");
        unknown.assertStatus(400);
        assertWellFormedPage(unknown.document());
        assertThat(unknown.document().select("p.field-error[role=alert]")).hasSize(1);
    }

    @Test
    void everyOrganisationHasItsOwnPage() throws Exception {
        PublishedEntry entry = published("owner-nissewaard", "publisher-nissewaard", complete(unique("Van Nissewaard")));

        Document page = page("/register/organisaties/nissewaard").assertStatus(200).document();

        assertWellFormedPage(page);
        assertThat(page.selectFirst("h1").text()).isEqualTo("Gemeente Nissewaard");
        assertThat(page.select("li.entry-card h3 a").eachAttr("href")).contains("/register/" + entry.getLars());
        Document detail = page("/register/" + entry.getLars()).document();
        assertThat(detail.select("a[href=/register/organisaties/nissewaard]")).hasSize(1);
        page("/register/organisaties/onbekend").assertStatus(404);
    }

    @Test
    void aVersionShowsWhatChangedSinceThePreviousOneFieldByField() throws Exception {
        PublishedEntry first = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Verschillen")));
        Map<String, Object> changed = new LinkedHashMap<>(first.getFields());
        changed.put("description_short", "Nieuwe omschrijving.");
        changed.put("goal", "<p>Nieuw doel</p>");
        changed.put("category", List.of("Wonen"));
        PublishedEntry second = entries.save(new PublishedEntry(first.getCaseId(), first.getLars(), 2, "zoetermeer", changed,
                Instant.now(), "publisher-zoetermeer"));
        inTransaction(() -> listing.record(second));

        Document page = page("/register/" + first.getLars() + "/versions/2").assertStatus(200).document();

        assertWellFormedPage(page);
        assertThat(page.select("table.diff tbody tr").eachAttr("id"))
                .containsExactly("change-description_short", "change-category", "change-goal");
        assertThat(page.selectFirst("#change-description_short del").text()).isEqualTo(first.getFields().get("description_short"));
        assertThat(page.selectFirst("#change-description_short ins").text()).isEqualTo("Nieuwe omschrijving.");
        assertThat(page.selectFirst("#change-goal ins").text()).isEqualTo("Nieuw doel");
        assertThat(page.selectFirst("#change-category ins").text()).isEqualTo("Wonen");
        assertThat(page("/register/" + first.getLars() + "/versions/1").document().select("table.diff")).isEmpty();
        assertThat(page("/en/register/" + first.getLars() + "/versions/2").document().selectFirst("#change-category th").text())
                .isEqualTo("Theme");
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void theListingDescribesTheLatestVersionWhateverOrderVersionsAreRecordedIn() {
        PublishedEntry first = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Volgorde")));
        ListingAssertions.theListingFollowsTheLatestVersion(jdbc, entries, listing, first, this::inTransaction);
    }

    @Test
    void publishedVersionsAreCacheableForeverAndTheLatestBrieflyWithStrongETags() throws Exception {
        PublishedEntry entry = published("owner-capelle", "publisher-capelle", complete(unique("Caching")));

        MockHttpServletResponse version = mvc.perform(get("/register/" + entry.getLars() + "/versions/1")).andReturn().getResponse();
        assertThat(version.getHeader("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        // the language is in the path: one address is one page for every reader, so shared caches need no Vary: Cookie
        assertThat(version.getHeaders("Vary")).noneMatch(v -> v.contains("Cookie"));
        String etag = version.getHeader("ETag");
        assertThat(etag).startsWith("\"").doesNotStartWith("W/");
        assertThat(mvc.perform(get("/register/" + entry.getLars() + "/versions/1").header("If-None-Match", etag)).andReturn()
                .getResponse().getStatus()).isEqualTo(304);

        MockHttpServletResponse latest = mvc.perform(get("/register/" + entry.getLars())).andReturn().getResponse();
        assertThat(latest.getHeader("Cache-Control")).isEqualTo("max-age=60, public");
        assertThat(latest.getHeader("ETag")).startsWith("\"");

        MockHttpServletResponse api = mvc.perform(get("/api/public/algorithms/" + entry.getLars() + "/versions/1")).andReturn().getResponse();
        assertThat(api.getHeader("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
        assertThat(mvc.perform(get("/api/public/algorithms/" + entry.getLars() + "/versions/1").header("If-None-Match", api.getHeader("ETag")))
                .andReturn().getResponse().getStatus()).isEqualTo(304);

        MockHttpServletResponse signedIn = page("/register/" + entry.getLars() + "/versions/1", "owner-capelle").result().getResponse();
        assertThat(signedIn.getHeader("Cache-Control")).as("a signed-in page names the person").contains("private");
    }
}
