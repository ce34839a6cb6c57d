package nl.transparant.cases;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.standard.RegisterStandard;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The staff form for the English texts of an entry: who reaches it, what it shows, and what happens to bad input. */
class EnglishTextsPagesTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void theCasePageLinksToTheFormForItsOwnerOnlyAndTheFormHasTheElevenTexts() throws Exception {
        Map<String, Object> fields = complete(unique("Engels formulier"));
        fields.put("goal", "<p>Het Nederlandse doel.</p>");
        AlgorithmCase draft = draft("owner-zoetermeer", fields);
        String url = "/staff/cases/" + draft.getId() + "/english";

        assertThat(page("/staff/cases/" + draft.getId(), "owner-zoetermeer").assertStatus(200).document()
                .select("a[href=" + url + "]")).hasSize(1);
        assertThat(page("/staff/cases/" + draft.getId(), "privacy-zoetermeer").assertStatus(200).document()
                .select("a[href=" + url + "]")).as("the privacy officer cannot edit them").isEmpty();

        Document form = page(url, "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(form);
        assertThat(form.select("form[action=" + url + "] [name]").eachAttr("name")).contains("_csrf")
                .filteredOn(n -> !n.equals("_csrf")).containsExactlyElementsOf(withVersionAnd(RegisterStandard.TRANSLATABLE));
        assertThat(form.select("[name=status], [name=contact_email], [name=organization], [name=internalNotes]")).isEmpty();
        assertThat(form.select(".required-marker")).as("no English text is required").isEmpty();
        assertThat(form.selectFirst("label[for=f-name]").text()).isEqualTo("Naam");
        assertThat(form.selectFirst("input#f-name").attr("lang")).isEqualTo("en");
        assertThat(form.selectFirst(".field:has(#f-goal) details p[lang=nl]").text()).isEqualTo("<p>Het Nederlandse doel.</p>");
        assertThat(form.selectFirst("textarea#f-goal").attr("aria-describedby")).isEqualTo("f-goal-hint");

        Document english = page(url + "?lang=en", "owner-zoetermeer").assertStatus(200).document();
        assertThat(english.selectFirst("h1").text()).startsWith("English texts: Engels formulier");
        assertThat(english.selectFirst("label[for=f-goal]").text()).isEqualTo("Purpose and impact");
        assertThat(english.selectFirst("form.english-form button[type=submit]").text()).isEqualTo("Save English texts");
    }

    @Test
    void savedTextsAreTheSameAsTheApiStoresAndEmptyOnesAreLeftOut() throws Exception {
        AlgorithmCase throughPage = draft("owner-zoetermeer", complete(unique("Engels via de pagina")));
        AlgorithmCase throughApi = draft("owner-zoetermeer", complete(unique("Engels via de API")));
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("name", "  Predicting road maintenance  ");
        texts.put("goal", "  <p>Plan the work before damage grows.</p><ul><li>earlier</li></ul>\n");
        texts.put("risks", "<ul><li>Wrong predictions</li></ul>");

        Page saved = page(form("/staff/cases/" + throughPage.getId() + "/english", "owner-zoetermeer")
                .param("version", String.valueOf(throughPage.getVersion()))
                .param("name", texts.get("name")).param("goal", texts.get("goal")).param("risks", texts.get("risks"))
                .param("description_short", "").param("tags", "   "));
        saved.assertStatus(302);
        assertThat(saved.redirectedTo()).isEqualTo("/staff/cases/" + throughPage.getId());

        var api = mvc.perform(put("/api/cases/" + throughApi.getId() + "/english").contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("version", throughApi.getVersion(), "fields", texts)))
                .with(authentication(as("owner-zoetermeer")))).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(200);

        Map<String, Object> stored = cases.read(staff("owner-zoetermeer"), throughPage.getId()).getEnglishFields();
        assertThat(stored).containsOnlyKeys("name", "goal", "risks");
        assertThat(stored.get("name")).isEqualTo("Predicting road maintenance");
        assertThat(stored.get("goal")).as("trimmed by the sanitiser")
                .isEqualTo("<p>Plan the work before damage grows.</p><ul><li>earlier</li></ul>");
        assertThat(stored).isEqualTo(cases.read(staff("owner-zoetermeer"), throughApi.getId()).getEnglishFields());
        for (AlgorithmCase edited : java.util.List.of(throughPage, throughApi)) {
            assertThat(jdbc.queryForList("SELECT actor_id, payload FROM decision_log WHERE case_id = ? AND event_type = 'english-texts-changed'",
                    edited.getId())).as("recorded in the decision log").singleElement()
                    .satisfies(row -> {
                        assertThat(row.get("actor_id")).isEqualTo("owner-zoetermeer");
                        assertThat((String) row.get("payload")).contains("Predicting road maintenance");
                    });
        }

        Document reopened = page("/staff/cases/" + throughPage.getId() + "/english", "owner-zoetermeer").assertStatus(200).document();
        assertThat(reopened.selectFirst("input#f-name").val()).isEqualTo("Predicting road maintenance");
        assertThat(reopened.selectFirst("textarea#f-risks").text()).isEqualTo("<ul><li>Wrong predictions</li></ul>");
    }

    @Test
    void badInputComesBackWithEveryProblemLinkedToItsFieldAndNothingLost() throws Exception {
        AlgorithmCase draft = draft("owner-zoetermeer", complete(unique("Engels fout")));
        String scripted = "<p onclick=\"steal()\">Goal</p><script>steal()</script>";
        String tooLong = "N".repeat(101);

        Page refused = page(form("/staff/cases/" + draft.getId() + "/english", "owner-zoetermeer")
                .param("version", String.valueOf(draft.getVersion()))
                .param("name", tooLong).param("goal", scripted).param("risks", "<p>Kept as typed.</p>"));

        refused.assertStatus(400);
        Document page = refused.document();
        assertWellFormedPage(page);
        assertThat(page.select(".error-summary a").eachAttr("href")).containsExactlyInAnyOrder("#f-name", "#f-goal");
        assertThat(page.selectFirst("input#f-name").val()).isEqualTo(tooLong);
        assertThat(page.selectFirst("input#f-name").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.selectFirst("input#f-name").attr("aria-describedby")).isEqualTo("f-name-hint f-name-error");
        assertThat(page.selectFirst("textarea#f-goal").text()).isEqualTo(scripted);
        assertThat(page.selectFirst("textarea#f-risks").text()).isEqualTo("<p>Kept as typed.</p>");
        assertThat(page.select("script:not([src])")).as("no inline script, not even the posted one").isEmpty();
        assertThat(cases.read(staff("owner-zoetermeer"), draft.getId()).getEnglishFields()).as("nothing stored").isEmpty();
    }

    @Test
    void aChangeInBetweenKeepsWhatWasTypedAndSavingAgainIsAChoice() throws Exception {
        AlgorithmCase draft = draft("owner-zoetermeer", complete(unique("Engels tegelijk")));
        long opened = draft.getVersion();
        // a colleague, owner of the same organisation, saves the Dutch texts meanwhile
        cases.edit(staff("owner-privacy-zoetermeer"), draft.getId(), opened, complete(draft.getName() + " gewijzigd"), null);

        Page conflict = page(form("/staff/cases/" + draft.getId() + "/english", "owner-zoetermeer")
                .param("version", String.valueOf(opened)).param("name", "My English name"));

        conflict.assertStatus(409);
        assertThat(conflict.document().selectFirst("input#f-name").val()).isEqualTo("My English name");
        assertThat(conflict.document().selectFirst(".notice").text()).startsWith("Noor Visser heeft het algoritme gewijzigd");
        String current = conflict.document().selectFirst("input[name=version]").val();
        assertThat(Long.parseLong(current)).isGreaterThan(opened);
        assertThat(cases.read(staff("owner-zoetermeer"), draft.getId()).getEnglishFields()).isEmpty();

        page(form("/staff/cases/" + draft.getId() + "/english", "owner-zoetermeer").param("version", current)
                .param("name", "My English name")).assertStatus(302);
        assertThat(cases.read(staff("owner-zoetermeer"), draft.getId()).getEnglishFields()).containsEntry("name", "My English name");
    }

    @Test
    void theFormIsClosedWhileTheCaseIsReviewedAndToEveryoneTheApiRefuses() throws Exception {
        AlgorithmCase draft = draft("owner-zoetermeer", complete(unique("Engels in beoordeling")));
        String url = "/staff/cases/" + draft.getId() + "/english";
        page(url, "publisher-zoetermeer").assertStatus(403);
        page(url, "owner-nissewaard").assertStatus(404);
        page(form(url, "owner-nissewaard").param("version", "0").param("name", "Taken over")).assertStatus(404);

        cases.submit(staff("owner-zoetermeer"), draft.getId());
        completeTask("owner-zoetermeer", draft.getId(), "answerPreScan", new TaskCompletion(null, null, PreScanAnswers.of()));
        long version = cases.read(staff("owner-zoetermeer"), draft.getId()).getVersion();
        page(url, "owner-zoetermeer").assertStatus(409);
        // sent from a form opened before the case moved into review: refused, the typed English kept to copy (a general
        // page lost it: outside tester)
        Page late = page(form(url, "owner-zoetermeer").param("version", String.valueOf(version)).param("name", "During review"));
        late.assertStatus(409);
        assertThat(late.document().selectFirst("input[name=name]").val()).isEqualTo("During review");
        assertThat(late.document().select(".notice[role=alert]").text()).contains("ingediend");
        assertThat(cases.read(staff("owner-zoetermeer"), draft.getId()).getEnglishFields()).isEmpty();
        assertThat(page("/staff/cases/" + draft.getId(), "owner-zoetermeer").document().select("a[href=" + url + "]")).isEmpty();
    }

    private static java.util.List<String> withVersionAnd(java.util.List<String> keys) {
        java.util.List<String> names = new java.util.ArrayList<>();
        names.add("version");
        names.add("basis"); // what the form is based on, for a merge after a colleague's save
        names.addAll(keys);
        return names;
    }
}
