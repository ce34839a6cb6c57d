package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The English version of an entry: the owner's English texts, checked by the standard's rules, published with the
 * version and served by the ENG API, the English pages and the English download; a text without a translation is the
 * Dutch one, marked lang="nl".
 */
class EnglishEntryTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void englishTextsArePublishedAndServedInEnglishWithDutchWhereThereIsNone() throws Exception {
        String dutchName = unique("Wegonderhoud voorspellen");
        String englishName = "Predicting road maintenance " + dutchName.substring(dutchName.lastIndexOf(' ') + 1);
        Map<String, Object> dutchFields = complete(dutchName);
        dutchFields.put("goal", "<p>Werk plannen voordat schade groeit.</p>");
        AlgorithmCase draft = draft("owner-zoetermeer", dutchFields);
        cases.editEnglish(staff("owner-zoetermeer"), draft.getId(), cases.read(staff("owner-zoetermeer"), draft.getId()).getVersion(),
                Map.of("name", englishName, "goal", "<p>Plan the work before damage grows.</p><ul><li>earlier</li></ul>"));
        String lars = publish(draft);

        JsonNode english = json(get("/api/algoritme/ENG/" + lars));
        assertThat(english.path("name").asText()).isEqualTo(englishName);
        assertThat(english.path("lang").asText()).isEqualTo("eng");
        assertThat(english.path("goal").asText()).isEqualTo("<p>Plan the work before damage grows.</p><ul><li>earlier</li></ul>");
        assertThat(english.path("description_short").asText()).as("no translation: the Dutch text")
                .isEqualTo("Korte omschrijving van " + dutchName + ".");
        JsonNode dutch = json(get("/api/algoritme/NLD/" + lars));
        assertThat(dutch.path("name").asText()).isEqualTo(dutchName);
        assertThat(dutch.path("lang").asText()).isEqualTo("nld");
        assertThat(dutch.path("goal").asText()).isEqualTo("<p>Werk plannen voordat schade groeit.</p>");

        JsonNode search = json(post("/api/algoritme/ENG").contentType(MediaType.APPLICATION_JSON)
                .content("{\"searchtext\": \"" + dutchName + "\"}"));
        assertThat(search.at("/results/0/name").asText()).isEqualTo(englishName);
        assertThat(json(post("/api/algoritme/NLD").contentType(MediaType.APPLICATION_JSON)
                .content("{\"searchtext\": \"" + dutchName + "\"}")).at("/results/0/name").asText()).isEqualTo(dutchName);

        Document page = page("/en/register/" + lars).assertStatus(200).document();
        assertThat(page.selectFirst("h1").text()).isEqualTo(englishName);
        assertThat(page.selectFirst("h1").hasAttr("lang")).isFalse();
        assertThat(page.selectFirst("#field-description_short dd").attr("lang")).isEqualTo("nl");
        assertThat(page.selectFirst("#field-goal dd").hasAttr("lang")).isFalse();
        assertThat(page.selectFirst("#field-status dd").hasAttr("lang")).as("a permitted value is shown in the page language").isFalse();
        Document dutchPage = page("/register/" + lars).assertStatus(200).document();
        assertThat(dutchPage.selectFirst("h1").text()).isEqualTo(dutchName);
        assertThat(dutchPage.select("dd[lang]")).isEmpty();

        var started = mvc.perform(get("/register/downloads/algoritmeregister-eng.json")).andReturn();
        String download = mvc.perform(asyncDispatch(started)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode row = null;
        for (JsonNode r : JSON.readTree(download).path("algoritme_versions")) {
            if (r.path("lars").asText().equals(lars)) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("name").asText()).isEqualTo(englishName);
        assertThat(row.path("lang").asText()).isEqualTo("eng");
    }

    @Test
    void anEntryWithoutEnglishTextsIsShownInDutchMarkedAsDutch() throws Exception {
        String name = unique("Alleen Nederlands");
        String lars = publish(draft("owner-zoetermeer", complete(name)));
        Document page = page("/en/register/" + lars).assertStatus(200).document();
        assertThat(page.selectFirst("h1").attr("lang")).isEqualTo("nl");
        assertThat(page.selectFirst("#field-name dd").attr("lang")).isEqualTo("nl");
        assertThat(json(get("/api/algoritme/ENG/" + lars)).path("lang").asText()).isEqualTo("nld");
        Document overview = page("/en/register?q=" + name.substring(name.lastIndexOf(' ') + 1)).assertStatus(200).document();
        assertThat(overview.selectFirst(".entry-card__title a").attr("lang")).isEqualTo("nl");
    }

    @Test
    void englishTextsFollowTheStandardsRulesAndOnlyTheOwnerEditsThem() throws Exception {
        AlgorithmCase draft = draft("owner-zoetermeer", complete(unique("Regels voor Engels")));
        long version = cases.read(staff("owner-zoetermeer"), draft.getId()).getVersion();
        assertThatThrownBy(() -> cases.editEnglish(staff("owner-zoetermeer"), draft.getId(), version, Map.of("status", "In use")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Engelse teksten");
        assertThatThrownBy(() -> cases.editEnglish(staff("owner-zoetermeer"), draft.getId(), version,
                Map.of("name", "<script>alert(1)</script>"))).isInstanceOf(InvalidInputException.class);

        MockHttpServletRequestBuilder scripted = put("/api/cases/" + draft.getId() + "/english").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\": " + version + ", \"fields\": {\"goal\": \"<p onclick=\\\"x()\\\">Goal</p><script>x()</script>\"}}");
        var refused = mvc.perform(scripted.with(authentication(as("owner-zoetermeer")))).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentType()).contains("problem+json");

        MockHttpServletRequestBuilder byOther = put("/api/cases/" + draft.getId() + "/english").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\": " + version + ", \"fields\": {\"name\": \"Taken over\"}}");
        assertThat(mvc.perform(byOther.with(authentication(as("owner-nissewaard")))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(put("/api/cases/" + draft.getId() + "/english").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\": " + version + ", \"fields\": {\"name\": \"Taken over\"}}")
                .with(authentication(as("publisher-zoetermeer")))).andReturn().getResponse().getStatus()).isEqualTo(403);

        var saved = mvc.perform(put("/api/cases/" + draft.getId() + "/english").contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\": " + version + ", \"fields\": {\"name\": \"Rules for English\"}}")
                .with(authentication(as("owner-zoetermeer")))).andReturn().getResponse();
        assertThat(saved.getStatus()).isEqualTo(200);
        assertThat(JSON.readTree(saved.getContentAsString()).at("/fields/name").asText()).isEqualTo("Rules for English");
    }

    private String publish(AlgorithmCase draft) {
        cases.submit(staff("owner-zoetermeer"), draft.getId());
        completeTask("owner-zoetermeer", draft.getId(), "answerPreScan", new TaskCompletion(null, null, PreScanAnswers.of()));
        completeTask("publisher-zoetermeer", draft.getId(), "releasePublication", new TaskCompletion("approve", "Klaar.", null));
        awaitPublication(draft.getId());
        return register.current(draft.getName()).stream().filter(e -> e.getCaseId().equals(draft.getId())).findFirst().orElseThrow().getLars();
    }

    private JsonNode json(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
