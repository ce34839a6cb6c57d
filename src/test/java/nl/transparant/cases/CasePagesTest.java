package nl.transparant.cases;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTrees;
import nl.transparant.identity.DemoAccount;
import nl.transparant.identity.Role;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.Screenings;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Staff work on a case in the browser: register it, correct it, submit it, and complete its tasks. */
class CasePagesTest extends PageTestSupport {

    @Autowired
    AssessmentDefinitions definitions;
    @Autowired
    DecisionTrees trees;
    @Autowired
    Screenings screenings;

    @Test
    void theNewCaseFormIsGeneratedFromTheStandard() throws Exception {
        Document form = page("/staff/cases/new", "owner-zoetermeer").assertStatus(200).document();

        assertWellFormedPage(form);
        assertThat(form.selectFirst("label[for=f-name]").text()).startsWith("Naam").contains("(verplicht)");
        assertThat(form.selectFirst("input#f-name").attr("maxlength")).isEqualTo("100");
        assertThat(form.selectFirst("textarea#f-description_short").attr("maxlength")).isEqualTo("400");
        assertThat(form.selectFirst("textarea#f-goal")).isNotNull();
        assertThat(form.select("select#f-status option").eachAttr("value")).containsExactly("", "In ontwikkeling", "In gebruik", "Buiten gebruik");
        assertThat(form.select("input[type=checkbox][name=category]")).hasSize(16);
        assertThat(form.selectFirst("fieldset:has(input[name=category]) legend").text()).startsWith("Thema");
        assertThat(form.select("input[name^=lawful_basis_grouping]")).hasSize(6);
        assertThat(form.selectFirst("label[for=f-lawful_basis_grouping-0-title]").text()).isEqualTo("Titel van wettelijke basis (rij 1)");
        assertThat(form.selectFirst("textarea#f-internalNotes")).isNotNull();
        assertThat(form.select("[name=organization], [name=publication_category], [name=lars]")).as("system fields").isEmpty();
        assertThat(form.selectFirst("input#f-name").attr("aria-describedby")).isEqualTo("f-name-hint");
    }

    @Test
    void anOwnerCreatesACaseWithTheForm() throws Exception {
        String name = unique("Afvalroutes plannen");
        Page saved = page(form("/staff/cases/new", "owner-zoetermeer")
                .param("name", name)
                .param("description_short", "Plant de routes van de afvalwagens.")
                .param("status", "In ontwikkeling")
                .param("category", "Natuur en milieu", "Verkeer")
                .param("goal", "<p>Minder kilometers.</p>")
                .param("lawful_basis_grouping[0].title", "Wet milieubeheer")
                .param("lawful_basis_grouping[0].link", "https://wetten.overheid.nl/BWBR0003245")
                .param("lawful_basis_grouping[1].title", "")
                .param("lawful_basis_grouping[1].link", "")
                .param("internalNotes", "Alleen voor intern gebruik"));

        saved.assertStatus(302);
        assertThat(saved.redirectedTo()).startsWith("/staff/cases/");
        String id = saved.redirectedTo().substring("/staff/cases/".length());
        AlgorithmCase stored = cases.read(staff("owner-zoetermeer"), id);
        assertThat(stored.getStage()).isEqualTo(CaseStage.DRAFT);
        assertThat(stored.getRegisterFields()).containsEntry("name", name)
                .containsEntry("category", List.of("Natuur en milieu", "Verkeer"))
                .containsEntry("lawful_basis_grouping", List.of(Map.of("title", "Wet milieubeheer", "link", "https://wetten.overheid.nl/BWBR0003245")));
        assertThat(stored.getInternalNotes()).isEqualTo("Alleen voor intern gebruik");

        Page casePage = page(get(saved.redirectedTo())
                .with(authentication(as("owner-zoetermeer")))
                .flashAttr("flash", "flash.caseCreated"));
        Document page = casePage.assertStatus(200).document();
        assertWellFormedPage(page);
        assertThat(page.selectFirst("h1").text()).isEqualTo(name);
        assertThat(page.selectFirst("[role=status]").text()).isEqualTo("Het algoritme is opgeslagen als concept.");
        assertThat(page.selectFirst("dl.facts").text()).contains("Concept", "Gemeente Zoetermeer");
        assertThat(page.selectFirst("a[href=/staff/cases/" + id + "/edit]")).isNotNull();
        assertThat(page.selectFirst("form[action=/staff/cases/" + id + "/submit] button").text()).isEqualTo("Indienen voor beoordeling");
    }

    @Test
    void theSameFormSentTwiceMakesOneCaseAndAChangedOneANewCase() throws Exception {
        Document form = page("/staff/cases/new", "owner-zoetermeer").assertStatus(200).document();
        String key = form.selectFirst("input[type=hidden][name=requestKey]").val();
        assertThat(key).as("a key of the form's own").isNotBlank();
        String name = unique("Dubbel verzonden");

        Page first = page(form("/staff/cases/new", "owner-zoetermeer").param("requestKey", key).param("name", name));
        Page second = page(form("/staff/cases/new", "owner-zoetermeer").param("requestKey", key).param("name", name));
        first.assertStatus(302);
        second.assertStatus(302);
        assertThat(second.redirectedTo()).as("a double click: the same case").isEqualTo(first.redirectedTo());

        Page changed = page(form("/staff/cases/new", "owner-zoetermeer").param("requestKey", key).param("name", name + " (2)"));
        changed.assertStatus(302);
        assertThat(changed.redirectedTo()).as("changed after sending: another case").isNotEqualTo(first.redirectedTo());
        assertThat(page("/staff/cases/new", "owner-zoetermeer").document().selectFirst("input[name=requestKey]").val())
                .as("every new form its own key").isNotEqualTo(key);
    }

    @Test
    void refusedInputComesBackWithEverythingTypedAndEachProblemAtItsField() throws Exception {
        String script = "<script>alert('x')</script>";
        String longName = "N".repeat(120);
        Page refused = page(form("/staff/cases/new", "owner-zoetermeer")
                .param("name", longName)
                .param("description_short", "Bevat " + script)
                .param("status", "In gebruik")
                .param("category", "Wonen")
                .param("website", "ftp://example.org")
                .param("goal", "<p>Goed</p><img src=x onerror=alert(1)>")
                .param("source_data_grouping[0].title", "Basisregistratie Personen")
                .param("source_data_grouping[0].link", "")
                .param("internalNotes", "Mijn notitie " + script));

        refused.assertStatus(400);
        Document page = refused.document();
        assertWellFormedPage(page);
        assertThat(page.select("script:not([src=/js/error-summary.js])")).as("no script but the site's own").isEmpty();
        assertThat(page.html()).doesNotContain(script).doesNotContain("<img");

        // everything typed is still there
        assertThat(page.selectFirst("input#f-name").val()).isEqualTo(longName);
        assertThat(page.selectFirst("textarea#f-description_short").val()).isEqualTo("Bevat " + script);
        assertThat(page.selectFirst("select#f-status option[selected]").val()).isEqualTo("In gebruik");
        assertThat(page.select("input[name=category][checked]").eachAttr("value")).containsExactly("Wonen");
        assertThat(page.selectFirst("input#f-website").val()).isEqualTo("ftp://example.org");
        assertThat(page.selectFirst("textarea#f-goal").val()).isEqualTo("<p>Goed</p><img src=x onerror=alert(1)>");
        assertThat(page.selectFirst("input#f-source_data_grouping-0-title").val()).isEqualTo("Basisregistratie Personen");
        assertThat(page.selectFirst("textarea#f-internalNotes").val()).isEqualTo("Mijn notitie " + script);

        // each problem next to its field, linked with aria-describedby, and in the summary
        for (String id : List.of("f-name", "f-description_short", "f-website", "f-goal", "f-source_data_grouping-0-link")) {
            Element input = page.getElementById(id);
            assertThat(input.attr("aria-invalid")).as("%s invalid", id).isEqualTo("true");
            assertThat(input.attr("aria-describedby")).as("%s described by its error", id).contains(id + "-error");
            assertThat(page.getElementById(id + "-error").text()).as("error of %s", id).isNotBlank();
            assertThat(page.select(".error-summary a[href=#" + id + "]")).as("summary links to %s", id).hasSize(1);
        }
        assertThat(page.getElementById("f-name-error").text()).contains("100");
        assertThat(page.selectFirst(".error-summary").attr("role")).isEqualTo("alert");
        assertThat(page.selectFirst(".error-summary h2").text()).isEqualTo("Er is iets niet goed ingevuld");
    }

    @Test
    void anOwnerOfSeveralOrganisationsChoosesOne() throws Exception {
        DemoAccount multi = new DemoAccount("owner-multi", "Meerdere Organisaties", Set.of(Role.PROJECT_OWNER), Set.of("capelle", "bar"));
        var signedIn = authentication(new UsernamePasswordAuthenticationToken(multi, null, multi.getAuthorities()));

        Document form = page(get("/staff/cases/new").with(signedIn)).assertStatus(200).document();
        assertWellFormedPage(form);
        assertThat(form.select("select#f-organisation option").eachText())
                .containsExactly("Maak een keuze", "BAR-organisatie", "Gemeente Capelle aan den IJssel");

        String name = unique("Voor twee organisaties");
        Page unchosen = page(post("/staff/cases/new").with(signedIn).with(csrf()).param("name", name));
        unchosen.assertStatus(400);
        assertWellFormedPage(unchosen.document());
        assertThat(unchosen.document().select(".error-summary a").eachAttr("href")).containsExactly("#f-organisation");
        assertThat(unchosen.document().selectFirst("select#f-organisation").attr("aria-describedby")).isEqualTo("f-organisation-error");
        assertThat(unchosen.document().selectFirst("input#f-name").val()).isEqualTo(name);

        Page chosen = page(post("/staff/cases/new").with(signedIn).with(csrf()).param("name", name).param("organisation", "bar"));
        chosen.assertStatus(302);
        String id = chosen.redirectedTo().substring("/staff/cases/".length());
        assertThat(cases.read(multi.staffUser(), id).getOrganisationCode()).isEqualTo("bar");
    }

    @Test
    void theOwnerEditsWithTheVersionAndAStaleVersionIsAConflict() throws Exception {
        AlgorithmCase created = draft("owner-nissewaard", complete(unique("Bezoekers tellen")));
        Document form = page("/staff/cases/" + created.getId() + "/edit", "owner-nissewaard").assertStatus(200).document();
        assertWellFormedPage(form);
        assertThat(form.selectFirst("input[type=hidden][name=version]").val()).isEqualTo(String.valueOf(created.getVersion()));
        assertThat(form.selectFirst("input#f-name").val()).isEqualTo(created.getName());
        assertThat(form.selectFirst("select#f-status option[selected]").val()).isEqualTo("In gebruik");

        Page saved = page(form("/staff/cases/" + created.getId() + "/edit", "owner-nissewaard")
                .param("version", String.valueOf(created.getVersion()))
                .param("name", "Bezoekers tellen in het centrum")
                .param("description_short", "Telt bezoekers.")
                .param("status", "In gebruik")
                .param("contact_email", "info@example.org"));
        saved.assertStatus(302);
        assertThat(cases.read(staff("owner-nissewaard"), created.getId()).getName()).isEqualTo("Bezoekers tellen in het centrum");

        Page stale = page(form("/staff/cases/" + created.getId() + "/edit", "owner-nissewaard")
                .param("version", String.valueOf(created.getVersion()))
                .param("name", "Te laat"));
        stale.assertStatus(409);
        assertWellFormedPage(stale.document());
        // the form again with what was typed (a general page lost it: outside tester), and the case's current version,
        // so saving again replaces the other change knowingly
        assertThat(stale.document().selectFirst("input#f-name").val()).isEqualTo("Te laat");
        // the save that made this form out of date was this person's own (another window): not blamed on "someone else"
        assertThat(stale.document().select(".notice[role=alert]").text()).startsWith("Het algoritme is gewijzigd sinds u dit formulier opende, het laatst door uzelf")
                .doesNotContain("Iemand anders");
        String current = String.valueOf(cases.read(staff("owner-nissewaard"), created.getId()).getVersion());
        assertThat(stale.document().selectFirst("input[type=hidden][name=version]").val()).isEqualTo(current);
        assertThat(stale.html()).doesNotContain("Exception");
        assertThat(cases.read(staff("owner-nissewaard"), created.getId()).getName()).isEqualTo("Bezoekers tellen in het centrum");
    }

    /** Found from the outside: an out-of-date form said "someone else" whoever it was; it names the colleague, in both languages. */
    @Test
    void aFormOutOfDateBecauseOfAColleagueNamesThem() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Twee schrijvers")));
        String opened = String.valueOf(created.getVersion());
        page(form("/staff/cases/" + created.getId() + "/edit", "owner-privacy-zoetermeer")
                .param("version", opened)
                .param("name", "Door Noor")
                .param("description_short", "Telt bezoekers.")
                .param("status", "In gebruik")
                .param("contact_email", "info@example.org")).assertStatus(302);

        Page stale = page(form("/staff/cases/" + created.getId() + "/edit", "owner-zoetermeer").param("version", opened).param("name", "Door Sanne"));
        stale.assertStatus(409);
        assertThat(stale.document().select(".notice[role=alert]").text()).startsWith("Noor Visser heeft het algoritme gewijzigd");
        assertThat(stale.document().selectFirst("input#f-name").val()).isEqualTo("Door Sanne");

        Page english = page(form("/staff/cases/" + created.getId() + "/english", "owner-zoetermeer").param("version", opened)
                .param("name", "By Sanne"));
        english.assertStatus(409);
        assertWellFormedPage(english.document());
        assertThat(english.document().select(".notice[role=alert]").text()).startsWith("Noor Visser heeft het algoritme gewijzigd");

        Page inEnglish = page(form("/staff/cases/" + created.getId() + "/edit", "owner-zoetermeer").param("version", opened)
                .param("name", "Door Sanne").param("lang", "en"));
        assertThat(inEnglish.document().select(".notice[role=alert]").text()).startsWith("Noor Visser changed this algorithm");

        // through the API as well, in the caller's language
        var api = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/cases/" + created.getId())
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic("owner-zoetermeer", "demo"))
                .contentType("application/json")
                .content("{\"version\":" + opened + ",\"fields\":{\"name\":\"Via de API\"}}")).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(409);
        assertThat(api.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("Noor Visser heeft dit algoritme gewijzigd");
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getName()).isEqualTo("Door Noor");
        var read = new com.fasterxml.jackson.databind.ObjectMapper().readTree(mvc.perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/cases/" + created.getId())
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic("owner-zoetermeer", "demo")))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(read.get("createdBy").asText()).isEqualTo("owner-zoetermeer");
        assertThat(read.get("createdByName").asText()).isEqualTo("Sanne de Vries");
        assertThat(read.get("submittedByName").isNull()).isTrue();
    }

    /**
     * Found from the outside: after a submission (or a review sending the case back) an open form was told that the last
     * writer of the texts had changed the case meanwhile; a version the case never had blamed a colleague too, and a
     * missing version of the English texts said the person had changed the case themselves.
     */
    @Test
    void aFormOutOfDateBecauseTheCaseMovedOnBlamesNobody() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Verder gegaan")));
        cases.edit(staff("owner-privacy-zoetermeer"), created.getId(), created.getVersion(), complete(created.getName()), null);
        long opened = cases.read(staff("owner-zoetermeer"), created.getId()).getVersion();
        cases.submit(staff("owner-zoetermeer"), created.getId());
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getVersion()).isGreaterThan(opened);

        Page stale = page(form("/staff/cases/" + created.getId() + "/edit", "owner-zoetermeer").param("version", String.valueOf(opened))
                .param("name", "Na het indienen"));
        stale.assertStatus(409);
        String notice = stale.document().select(".notice[role=alert]").text();
        assertThat(notice).doesNotContain("Noor Visser");
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getStage()).as("the owner may still edit at the pre-scan")
                .isEqualTo(CaseStage.PRE_SCAN);
        {
            assertThat(notice).startsWith("Het algoritme is intussen verder gegaan");
            var api = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/cases/" + created.getId())
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic("owner-zoetermeer", "demo"))
                    .contentType("application/json")
                    .content("{\"version\":" + opened + ",\"fields\":{\"name\":\"Via de API\"}}")).andReturn().getResponse();
            assertThat(api.getStatus()).isEqualTo(409);
            assertThat(api.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("verder gegaan").doesNotContain("Noor");
        }
    }

    /** Found from the outside: the submission answered with a version one below the stored one, so an edit with it was refused. */
    @Test
    void theSubmissionAnswersWithTheVersionTheCaseIsStoredAs() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Versie na indienen")));
        var basic = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic("owner-zoetermeer", "demo");
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var submitted = mapper.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/cases/" + created.getId() + "/submit").with(basic)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        var read = mapper.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/cases/" + created.getId()).with(basic)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(submitted.get("stage").asText()).isEqualTo("PRE_SCAN");
        assertThat(submitted.get("version").asLong()).isEqualTo(read.get("version").asLong());
    }

    @Test
    void aVersionTheCaseNeverHadOrNoVersionIsAskedForNotBlamedOnAnyone() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Onbekende versie")));
        cases.edit(staff("owner-privacy-zoetermeer"), created.getId(), created.getVersion(), complete(created.getName()), null);
        var basic = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic("owner-zoetermeer", "demo");
        for (String version : java.util.List.of("100", "-1")) {
            var api = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/cases/" + created.getId())
                    .with(basic).contentType("application/json")
                    .content("{\"version\":" + version + ",\"fields\":{\"name\":\"Via de API\"}}")).andReturn().getResponse();
            String body = api.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(api.getStatus()).as(body).isEqualTo(400);
            assertThat(body).contains("Versie " + version + " bestaat niet").doesNotContain("Noor").doesNotContain("Sanne");
        }
        var english = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/cases/" + created.getId() + "/english")
                .with(basic).contentType("application/json").content("{\"fields\":{\"name\":\"In English\"}}")).andReturn().getResponse();
        assertThat(english.getStatus()).isEqualTo(400);
        assertThat(english.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("door uzelf");
        Page page = page(form("/staff/cases/" + created.getId() + "/english", "owner-zoetermeer").param("version", "abc").param("name", "In English"));
        page.assertStatus(400);
        assertThat(page.document().selectFirst("input#f-name").val()).isEqualTo("In English");
        assertThat(page.document().text()).doesNotContain("door uzelf").contains("De versie waarop dit formulier berust");
        Page dutch = page(form("/staff/cases/" + created.getId() + "/edit", "owner-zoetermeer").param("name", "Zonder versie"));
        dutch.assertStatus(400);
        assertThat(dutch.document().text()).contains("De versie waarop dit formulier berust").doesNotContain("version :");
    }

    /**
     * Found from the outside: saving again from a form refused because a colleague saved in between put back the old text
     * of every field the colleague had changed. The form comes back merged field by field: their changes where this
     * person changed nothing, this person's where only they changed something, and a field both changed pointed out.
     */
    @Test
    void savingAgainAfterAColleaguesSaveKeepsTheColleaguesOtherChanges() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Samen bewerken")));
        String edit = "/staff/cases/" + created.getId() + "/edit";
        Document sannes = page(edit, "owner-zoetermeer").assertStatus(200).document();
        Document noors = page(edit, "owner-privacy-zoetermeer").assertStatus(200).document();

        var bySanne = posted(sannes);
        bySanne.set("goal", "<p>Doel door Sanne</p>");
        bySanne.set("internalNotes", "Notitie van Sanne");
        bySanne.set("name", "Naam door Sanne");
        page(form(edit, "owner-zoetermeer").params(bySanne)).assertStatus(302);

        var byNoor = posted(noors);
        byNoor.set("risks", "<p>Risico door Noor</p>");
        byNoor.set("name", "Naam door Noor");
        Page refused = page(form(edit, "owner-privacy-zoetermeer").params(byNoor));
        refused.assertStatus(409);
        Document merged = refused.document();
        assertWellFormedPage(merged);
        assertThat(merged.selectFirst("textarea#f-goal").text()).as("Sanne's change, taken over").isEqualTo("<p>Doel door Sanne</p>");
        assertThat(merged.selectFirst("textarea[name=internalNotes]").text()).isEqualTo("Notitie van Sanne");
        assertThat(merged.selectFirst("textarea#f-risks").text()).as("Noor's own change").isEqualTo("<p>Risico door Noor</p>");
        assertThat(merged.select("ul.taken-over li").eachText()).contains("Interne notities").hasSize(2);
        // both changed the name: what Noor typed stays in the field, Sanne's is pointed out beside it
        assertThat(merged.selectFirst("input#f-name").val()).isEqualTo("Naam door Noor");
        assertThat(merged.selectFirst("input#f-name").attr("aria-invalid")).isEqualTo("true");
        assertThat(merged.select(".field--error").text()).contains("verschilt van wat nu is opgeslagen: “Naam door Sanne”");

        page(form(edit, "owner-privacy-zoetermeer").params(posted(merged))).assertStatus(302);
        AlgorithmCase stored = cases.read(staff("owner-zoetermeer"), created.getId());
        assertThat(stored.getRegisterFields()).containsEntry("goal", "<p>Doel door Sanne</p>").containsEntry("risks", "<p>Risico door Noor</p>")
                .containsEntry("name", "Naam door Noor");
        assertThat(stored.getInternalNotes()).isEqualTo("Notitie van Sanne");

        // the English texts' form merges the same way
        String english = "/staff/cases/" + created.getId() + "/english";
        Document sannesEnglish = page(english, "owner-zoetermeer").assertStatus(200).document();
        Document noorsEnglish = page(english, "owner-privacy-zoetermeer").assertStatus(200).document();
        var sanneEn = posted(sannesEnglish);
        sanneEn.set("risks", "<p>Risks by Sanne</p>");
        page(form(english, "owner-zoetermeer").params(sanneEn)).assertStatus(302);
        var noorEn = posted(noorsEnglish);
        noorEn.set("goal", "<p>Goal by Noor</p>");
        Page refusedEn = page(form(english, "owner-privacy-zoetermeer").params(noorEn));
        refusedEn.assertStatus(409);
        page(form(english, "owner-privacy-zoetermeer").params(posted(refusedEn.document()))).assertStatus(302);
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getEnglishFields())
                .containsEntry("risks", "<p>Risks by Sanne</p>").containsEntry("goal", "<p>Goal by Noor</p>");

        // a change to the other language's texts only: the form's own texts are as they were, so it is saved at once
        // (outside tester: a 409 with nothing to look at, and a second save)
        Document dutchOpen = page(edit, "owner-zoetermeer").assertStatus(200).document();
        var englishMeanwhile = posted(page(english, "owner-privacy-zoetermeer").document());
        englishMeanwhile.set("name", "English name by Noor");
        page(form(english, "owner-privacy-zoetermeer").params(englishMeanwhile)).assertStatus(302);
        var dutchAfter = posted(dutchOpen);
        dutchAfter.set("goal", "<p>Doel na de Engelse teksten</p>");
        page(form(edit, "owner-zoetermeer").params(dutchAfter)).assertStatus(302);

        Document englishOpen = page(english, "owner-privacy-zoetermeer").assertStatus(200).document();
        var dutchMeanwhile = posted(page(edit, "owner-zoetermeer").document());
        dutchMeanwhile.set("risks", "<p>Risico na het openen</p>");
        page(form(edit, "owner-zoetermeer").params(dutchMeanwhile)).assertStatus(302);
        var englishAfter = posted(englishOpen);
        englishAfter.set("goal", "<p>Goal after the Dutch texts</p>");
        page(form(english, "owner-privacy-zoetermeer").params(englishAfter)).assertStatus(302);
        AlgorithmCase both = cases.read(staff("owner-zoetermeer"), created.getId());
        assertThat(both.getRegisterFields()).containsEntry("goal", "<p>Doel na de Engelse teksten</p>").containsEntry("risks", "<p>Risico na het openen</p>");
        assertThat(both.getEnglishFields()).containsEntry("name", "English name by Noor").containsEntry("goal", "<p>Goal after the Dutch texts</p>");

        // a form without its basis (a page from before, a tampered one): what differs from the stored texts is pointed out
        Document withoutBasis = page(edit, "owner-zoetermeer").assertStatus(200).document();
        var byNoorAgain = posted(page(edit, "owner-privacy-zoetermeer").document());
        byNoorAgain.set("description_short", "Noor weer.");
        page(form(edit, "owner-privacy-zoetermeer").params(byNoorAgain)).assertStatus(302);
        var stale = posted(withoutBasis);
        stale.remove("basis");
        stale.set("tags", "sanne");
        Page pointedOut = page(form(edit, "owner-zoetermeer").params(stale));
        pointedOut.assertStatus(409);
        assertThat(pointedOut.document().selectFirst("#f-description_short").attr("aria-invalid")).isEqualTo("true");
        assertThat(pointedOut.document().select(".field--error").text()).contains("“Noor weer.”");
    }

    /** What a browser sends for the page's case form: its inputs, text areas and chosen options. */
    private static org.springframework.util.LinkedMultiValueMap<String, String> posted(Document page) {
        var values = new org.springframework.util.LinkedMultiValueMap<String, String>();
        org.jsoup.nodes.Element form = page.selectFirst("form.case-form");
        for (org.jsoup.nodes.Element input : form.select("input[name], textarea[name], select[name]")) {
            String name = input.attr("name");
            if (name.equals("_csrf")) {
                continue;
            }
            switch (input.tagName()) {
                case "textarea" -> values.add(name, input.text());
                case "select" -> input.select("option[selected]").forEach(option -> values.add(name, option.val()));
                default -> {
                    if (!List.of("checkbox", "radio").contains(input.attr("type")) || input.hasAttr("checked")) {
                        values.add(name, input.val());
                    }
                }
            }
        }
        return values;
    }

    /** Found from the outside: the form stored a stop character in the internal notes, which the API refused. */
    @Test
    void theFormHoldsTheNotesToTheCharactersTheApiDoes() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Stuurtekens")));
        for (String notes : List.of("notitie\u0000met nul", "x\u001B[31mrood\u0007", "omgekeerd \u202Edrow")) {
            Page refused = page(form("/staff/cases/" + created.getId() + "/edit", "owner-zoetermeer")
                    .param("version", String.valueOf(created.getVersion())).param("name", created.getName())
                    .param("description_short", "Telt bezoekers.").param("status", "In gebruik").param("contact_email", "info@example.org")
                    .param("internalNotes", notes));
            refused.assertStatus(400);
            assertThat(refused.document().select(".field--error").text()).contains("Interne notities").doesNotContain("internalNotes");
        }
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getInternalNotes()).isNull();
        page(form("/staff/cases/" + created.getId() + "/edit", "owner-zoetermeer")
                .param("version", String.valueOf(created.getVersion())).param("name", created.getName())
                .param("description_short", "Telt bezoekers.").param("status", "In gebruik").param("contact_email", "info@example.org")
                .param("internalNotes", "kans a < b en c > d")).assertStatus(302);
    }

    /** Found from the outside: the title showed the template's expression ("false ? (nog zonder naam) : …"). */
    @Test
    void theCasePageIsTitledWithTheCasesName() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Titel van de zaak")));
        Document page = page("/staff/cases/" + created.getId(), "owner-zoetermeer").assertStatus(200).document();
        assertThat(page.title()).isEqualTo(created.getName() + " – Transparant");
    }

    @Test
    void submittingWithoutRequiredFieldsOpensTheFormOnThem() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", Map.of("name", unique("Half ingevuld")));

        Page refused = page(form("/staff/cases/" + created.getId() + "/submit", "owner-zoetermeer"));

        refused.assertStatus(400);
        Document page = refused.document();
        assertWellFormedPage(page);
        assertThat(page.selectFirst("input#f-name").val()).isEqualTo(created.getName());
        assertThat(page.select(".error-summary a").eachAttr("href"))
                .contains("#f-description_short", "#f-status", "#f-contact_email");
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getStage()).isEqualTo(CaseStage.DRAFT);

        Page submitted = page(form("/staff/cases/" + created.getId() + "/edit", "owner-zoetermeer")
                .param("version", String.valueOf(cases.read(staff("owner-zoetermeer"), created.getId()).getVersion()))
                .param("name", created.getName())
                .param("description_short", "Nu compleet.")
                .param("status", "In gebruik")
                .param("contact_email", "info@example.org"));
        submitted.assertStatus(302);
        page(form("/staff/cases/" + created.getId() + "/submit", "owner-zoetermeer")).assertStatus(302);
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
    }

    @Test
    void thePreScanFormShowsEveryTaskOfTheDefinitionAndEveryQuestionOfTheTreeInDutchAndEnglish() throws Exception {
        AlgorithmCase created = draft("owner-bar", complete(unique("Woo-documenten anonimiseren")));
        cases.submit(staff("owner-bar"), created.getId());
        ReviewTask preScan = task("owner-bar", created.getId(), "answerPreScan");
        String prefix = "task-" + preScan.id() + "-answers-";
        AssessmentDefinition definition = definitions.current("urn:nl:transparantprescan").orElseThrow();
        DecisionTree tree = trees.current("ai-act").orElseThrow();

        Document dutch = page("/staff/cases/" + created.getId(), "owner-bar").assertStatus(200).document();
        Document english = page("/staff/cases/" + created.getId() + "?lang=en", "owner-bar").assertStatus(200).document();
        for (Document page : List.of(dutch, english)) {
            assertWellFormedPage(page);
            assertThat(page.select("input[name^=answers.]")).as("the nine yes/no questions are gone").isEmpty();
            assertThat(page.select("script[src=/js/questionnaire.js]")).hasSize(1);
        }
        assertThat(dutch.selectFirst("#task-" + preScan.id() + " + p").text()).startsWith("Beantwoord de vragen hieronder.");

        for (Task t : definition.allTasks()) {
            String id = prefix + "prescan-" + t.id().replace(".", "-");
            assertThat(dutch.getElementById(id)).as("task %s on the form", t.id()).isNotNull();
            assertThat(questionText(dutch, id)).as("Dutch text of task %s", t.id()).contains(t.title());
            assertThat(questionText(english, id)).as("English text of task %s", t.id()).contains(t.translations().get("task_en"));
        }
        // each type as its own kind of input
        assertThat(dutch.selectFirst("section#" + prefix + "prescan-1 > h4").text()).isEqualTo("1 Persoonsgegevens");
        assertThat(dutch.selectFirst("#" + prefix + "prescan-0-1").hasClass("notice")).as("informational").isTrue();
        assertThat(dutch.select("input[type=radio][name=\"prescan[1.1]\"]").eachAttr("value")).containsExactly("true", "false");
        assertThat(dutch.select("input[name=\"prescan[1.1]\"] + label").eachText()).containsExactly("Ja", "Nee");
        assertThat(english.select("input[name=\"prescan[1.1]\"] + label").eachText()).containsExactly("Yes", "No");
        assertThat(dutch.select("input[type=checkbox][name=\"prescan[3.1]\"]")).hasSize(9);
        assertThat(dutch.selectFirst("input[name=\"prescan[3.1]\"]").val()).isEqualTo("evaluation_scoring");
        assertThat(dutch.selectFirst("textarea#" + prefix + "prescan-0-2").attr("name")).isEqualTo("prescan[0.2]");
        assertThat(dutch.selectFirst("label[for=" + prefix + "prescan-0-2]").text()).contains("(verplicht)");
        // a dependent question says when it counts
        assertThat(dutch.getElementById(prefix + "prescan-1-2-hint").text()).contains("Alleen als u bij vraag 1.1 “Ja” heeft geantwoord.");
        assertThat(english.getElementById(prefix + "prescan-1-2-hint").text()).contains("Only if you answered “Yes” to question 1.1.");
        assertThat(dutch.getElementById(prefix + "prescan-1-2").parent().attr("data-conditions"))
                .isEqualTo("[{\"name\":\"prescan[1.1]\",\"operator\":\"equals\",\"value\":\"true\",\"show\":true}]");

        // the decision tree: every question a radio group whose values are the Dutch answers, labelled in the page's language
        assertThat(dutch.selectFirst("section#" + prefix + "aiAct").text()).contains("Alleen de vragen op uw pad tellen");
        assertThat(english.selectFirst("section#" + prefix + "aiAct").text()).contains("Only the questions on your path count");
        for (DecisionTree.Question q : tree.questions()) {
            String name = "aiAct[" + q.questionId() + "]";
            assertThat(dutch.select("input[type=radio][name=\"" + name + "\"]").eachAttr("value"))
                    .containsExactlyElementsOf(q.answers().stream().map(DecisionTree.Answer::answer).toList());
            assertThat(english.select("input[type=radio][name=\"" + name + "\"]").eachAttr("value"))
                    .containsExactlyElementsOf(q.answers().stream().map(DecisionTree.Answer::answer).toList());
            assertThat(english.select("input[name=\"" + name + "\"] + label").eachText())
                    .containsExactlyElementsOf(q.answers().stream().map(a -> a.translations().get("answer_en")).toList());
            assertThat(dutch.selectFirst("fieldset:has(input[name=\"" + name + "\"]) legend").text()).contains(q.question());
            assertThat(english.selectFirst("fieldset:has(input[name=\"" + name + "\"]) legend").text()).contains(q.translations().get("question_en"));
        }
        assertThat(dutch.getElementById(prefix + "aiAct-8-hint").text()).contains("Volgt op vraag 6, 7.");
    }

    @Test
    void theOwnerAnswersThePreScanWithTheFormAndTheCaseFollowsTheRoute() throws Exception {
        AlgorithmCase created = draft("owner-bar", complete(unique("Bijstandsaanvragen controleren")));
        cases.submit(staff("owner-bar"), created.getId());
        ReviewTask preScan = task("owner-bar", created.getId(), "answerPreScan");

        Page done = page(preScanForm(form("/staff/cases/" + created.getId() + "/tasks/" + preScan.id(), "owner-bar"),
                PreScanAnswers.of("personalData", "largeScale", "automatedDecision"))
                .param("rationale", ""));

        done.assertStatus(302);
        assertThat(done.redirectedTo()).isEqualTo("/staff/cases/" + created.getId());
        assertThat(cases.read(staff("owner-bar"), created.getId()).getStage()).isEqualTo(CaseStage.DPIA);
        ScreeningRecord recorded = screenings.latestPreScan(created.getId()).orElseThrow();
        assertThat(recorded.getAnswers()).as("booleans as booleans, codes as strings, text as text")
                .contains("\"1.1\":true", "\"2.2\":false", "\"3.1\":[\"large_scale\",\"automated_decision\"]",
                        "\"0.2\":\"Een algoritme dat het werk van een team ondersteunt.\"", "\"2\":\"Nee\"");
    }

    @Test
    void aRefusedAnswerShowsAtItsQuestionWithEverythingElseKept() throws Exception {
        AlgorithmCase created = draft("owner-bar", complete(unique("Parkeervergunningen toekennen")));
        cases.submit(staff("owner-bar"), created.getId());
        ReviewTask preScan = task("owner-bar", created.getId(), "answerPreScan");
        String action = "/staff/cases/" + created.getId() + "/tasks/" + preScan.id();
        String prefix = "task-" + preScan.id() + "-answers-";

        // an option that is not one of the question's
        Page refused = page(form(action, "owner-bar")
                .param("prescan[0.2]", "Kent vergunningen toe <b>automatisch</b>")
                .param("prescan[1.1]", "true")
                .param("prescan[3.1]", "large_scale", "mostly_harmless")
                .param("prescan[5.1]", "false")
                .param("aiAct[1]", "Ja")
                .param("aiAct[2]", "Nee")
                .param("rationale", "Eerste poging"));

        refused.assertStatus(400);
        Document page = refused.document();
        assertWellFormedPage(page);
        String question = prefix + "prescan-3-1";
        assertThat(page.select(".error-summary a").eachAttr("href")).contains("#" + question);
        assertThat(page.selectFirst(".error-summary a[href=#" + question + "]").text())
                .startsWith("Vraag 3.1: Welke van deze kenmerken heeft de verwerking?");
        Element fieldset = page.getElementById(question).closest("fieldset");
        assertThat(fieldset.hasClass("field--error")).isTrue();
        assertThat(fieldset.attr("aria-describedby")).contains(question + "-error");
        assertThat(page.getElementById(question + "-error").text()).contains("Kies uit:");
        // everything typed and chosen is still there
        assertThat(page.getElementById(prefix + "prescan-1-1").hasAttr("checked")).isTrue();
        assertThat(page.select("input[name=\"prescan[3.1]\"][checked]").eachAttr("value")).containsExactly("large_scale");
        assertThat(page.selectFirst("input[name=\"prescan[5.1]\"][value=false]").hasAttr("checked")).isTrue();
        assertThat(page.selectFirst("textarea[name=\"prescan[0.2]\"]").val()).isEqualTo("Kent vergunningen toe <b>automatisch</b>");
        assertThat(page.select("b")).isEmpty();
        assertThat(page.selectFirst("input[name=\"aiAct[2]\"][value=Nee]").hasAttr("checked")).isTrue();
        assertThat(page.selectFirst("textarea[name=rationale]").val()).isEqualTo("Eerste poging");

        // a question of the tree left open on the path
        Page unfinished = page(form(action, "owner-bar")
                .param("prescan[0.2]", "Kent vergunningen toe.")
                .param("prescan[0.3]", "Sneller beslissen.")
                .param("prescan[5.4]", "false")
                .param("prescan[5.5]", "false")
                .param("prescan[1.1]", "false")
                .param("prescan[5.1]", "false")
                .param("aiAct[1]", "Ja"));
        unfinished.assertStatus(400);
        assertWellFormedPage(unfinished.document());
        String treeQuestion = prefix + "aiAct-2";
        assertThat(unfinished.document().select(".error-summary a").eachAttr("href")).containsExactly("#" + treeQuestion);
        assertThat(unfinished.document().getElementById(treeQuestion).closest("fieldset").attr("aria-describedby"))
                .contains(treeQuestion + "-error");
        assertThat(unfinished.document().selectFirst("input[name=\"aiAct[1]\"][value=Ja]").hasAttr("checked")).isTrue();
        assertThat(cases.read(staff("owner-bar"), created.getId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
    }

    /**
     * The route table writes its reasons in both languages in one text ("Verboden AI-praktijk … / Prohibited AI
     * practice …"), and a case it stopped showed that whole text as its closing reason on a Dutch page and an English one.
     */
    @Test
    void aCaseTheRouteStoppedShowsItsReasonInTheReadersLanguage() throws Exception {
        AlgorithmCase created = draft("owner-bar", complete(unique("Sociale scoring van inwoners")));
        cases.submit(staff("owner-bar"), created.getId());
        completeTask("owner-bar", created.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("aiSystem", "prohibitedPractice")));
        AlgorithmCase stopped = cases.read(staff("owner-bar"), created.getId());
        assertThat(stopped.getStage()).isEqualTo(CaseStage.STOPPED);
        assertThat(stopped.getClosingReason()).as("stored as the table wrote it").contains(" / ");

        Document dutch = page("/staff/cases/" + created.getId(), "owner-bar").assertStatus(200).document();
        Document english = page("/staff/cases/" + created.getId() + "?lang=en", "owner-bar").assertStatus(200).document();

        assertThat(dutch.select("dd.preserve-lines").eachText()).contains("Verboden AI-praktijk (AI-verordening art. 5)")
                .noneMatch(text -> text.contains("Prohibited"));
        assertThat(english.select("dd.preserve-lines").eachText()).contains("Prohibited AI practice (AI Act Art. 5)")
                .noneMatch(text -> text.contains("Verboden"));
    }

    @Test
    void theCasePageShowsWhatThePreScanConcludedAndUnderWhichPolicy() throws Exception {
        AlgorithmCase created = draft("owner-bar", complete(unique("Uitkeringen toekennen met AI")));
        cases.submit(staff("owner-bar"), created.getId());
        completeTask("owner-bar", created.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "automatedDecision", "highRiskArea", "profiling")));
        AssessmentDefinition definition = definitions.current("urn:nl:transparantprescan").orElseThrow();

        Document page = page("/staff/cases/" + created.getId(), "owner-bar").assertStatus(200).document();
        assertWellFormedPage(page);
        assertThat(page.selectFirst("h2#prescan-outcome").text()).isEqualTo("Uitkomst van de pre-scan");
        Element dpia = page.selectFirst("[data-assessment=dpia]");
        assertThat(dpia.selectFirst("h3").text()).isEqualTo("DPIA");
        assertThat(dpia.selectFirst(".prescan-outcome__result").text()).isEqualTo("DPIA verplicht");
        assertThat(dpia.select("[data-criterion]").eachAttr("data-criterion")).containsExactly("edpb_two_or_more");
        assertThat(dpia.selectFirst("[data-criterion=edpb_two_or_more]").text())
                .isEqualTo("De verwerking heeft twee of meer van de negen kenmerken van de EDPB (WP248).");
        Element aiAct = page.selectFirst(".prescan-outcome__ai-act");
        assertThat(aiAct.text()).contains("AI-systeem met een hoog risico (AI-verordening art. 6).", "Risicoklasse: Hoog risico",
                "Als gebruiksverantwoordelijke");
        assertThat(aiAct.select(".prescan-outcome__path li")).hasSizeGreaterThan(3);
        assertThat(page.selectFirst(".prescan-outcome__definition").text()).isEqualTo("urn:nl:transparantprescan, versie "
                + definition.version() + " (sha256 " + definition.id().sha256().substring(0, 12) + ")");
        assertThat(page.selectFirst(".prescan-outcome__tree").text()).startsWith("ai-act, versie ");
        assertThat(page.selectFirst(".prescan-outcome__binding").text()).isEqualTo("transparant");
        assertThat(page.selectFirst(".prescan-outcome__dpia-definition").text()).isEqualTo("urn:nl:transparantdpia 1.0");
        assertThat(page.selectFirst(".prescan-outcome__iama-definition").text()).isEqualTo("urn:nl:transparantiama 1.0");
        assertThat(page.selectFirst(".prescan-outcome__profile").text()).contains("hoog-risico AI", "gebruiksverantwoordelijke");
        assertThat(page.select(".prescan-outcome__gaps")).isEmpty();

        Document english = page("/staff/cases/" + created.getId() + "?lang=en", "owner-bar").assertStatus(200).document();
        assertWellFormedPage(english);
        assertThat(english.selectFirst("[data-assessment=dpia] .prescan-outcome__result").text()).isEqualTo("DPIA required");
        assertThat(english.selectFirst("[data-criterion=edpb_two_or_more]").text())
                .isEqualTo("The processing has two or more of the nine EDPB features (WP248).");
        assertThat(english.selectFirst(".prescan-outcome__ai-act").text()).contains("High-risk AI system (AI Act Art. 6).", "Risk class: High risk");
    }

    /** The text a person reads for a task: the heading of a group, the legend or label of a question, or the informational text. */
    private static String questionText(Document page, String id) {
        Element element = page.getElementById(id);
        if (element.tagName().equals("section")) {
            return element.selectFirst("h4, h5, h6").text();
        }
        Element fieldset = element.closest("fieldset.question");
        if (fieldset != null) {
            return fieldset.selectFirst("legend").text();
        }
        Element label = page.selectFirst("label[for=" + id + "]");
        return label != null ? label.text() : element.text();
    }

    /** The answers {"prescan": …, "aiAct": …} as the form posts them. */
    private static MockHttpServletRequestBuilder preScanForm(MockHttpServletRequestBuilder request, Map<String, Object> answers) {
        ((Map<?, ?>) answers.get("prescan")).forEach((taskId, answer) -> {
            if (answer instanceof List<?> values) {
                values.forEach(value -> request.param("prescan[" + taskId + "]", String.valueOf(value)));
            } else {
                request.param("prescan[" + taskId + "]", String.valueOf(answer));
            }
        });
        ((Map<?, ?>) answers.get("aiAct")).forEach((questionId, answer) -> request.param("aiAct[" + questionId + "]", String.valueOf(answer)));
        return request;
    }

    @Test
    void aReviewerCompletesAReviewTaskWithTheForm() throws Exception {
        AlgorithmCase created = awaitingRelease("owner-capelle", complete(unique("Luchtfoto's vergelijken")));
        ReviewTask release = task("publisher-capelle", created.getId(), "releasePublication");
        String action = "/staff/cases/" + created.getId() + "/tasks/" + release.id();

        Document page = page("/staff/cases/" + created.getId(), "publisher-capelle").assertStatus(200).document();
        assertWellFormedPage(page);
        Element form = page.selectFirst("form[action=" + action + "]");
        assertThat(form.selectFirst("fieldset legend").text()).isEqualTo("Uw besluit");
        assertThat(form.select("input[type=radio][name=outcome]").eachAttr("value")).containsExactly("approve", "send-back", "reject");
        assertThat(form.select("input[type=radio][name=outcome] + label").eachText())
                .containsExactly("Goedkeuren", "Terugsturen voor aanpassing", "Afwijzen");
        assertThat(form.selectFirst("label[for=task-" + release.id() + "-rationale]").text()).isEqualTo("Motivering");

        // without a rationale the choice is kept and the rationale is asked for
        Page refused = page(form(action, "publisher-capelle").param("outcome", "send-back").param("rationale", " "));
        refused.assertStatus(400);
        assertWellFormedPage(refused.document());
        assertThat(refused.document().getElementById("task-" + release.id() + "-outcome-send-back").hasAttr("checked")).isTrue();
        assertThat(refused.document().select(".error-summary a").eachAttr("href")).containsExactly("#task-" + release.id() + "-rationale");

        Page done = page(form(action, "publisher-capelle").param("outcome", "send-back").param("rationale", "Contactgegevens <b>ontbreken</b> nog."));
        assertThat(done.status()).as("markup in a rationale is refused").isEqualTo(400);
        assertThat(done.document().selectFirst("textarea#task-" + release.id() + "-rationale").val()).isEqualTo("Contactgegevens <b>ontbreken</b> nog.");
        assertThat(done.document().select("b")).isEmpty();

        page(form(action, "publisher-capelle").param("outcome", "send-back").param("rationale", "Contactgegevens ontbreken nog.")).assertStatus(302);
        assertThat(cases.read(staff("owner-capelle"), created.getId()).getStage()).isEqualTo(CaseStage.REVISION);

        Document history = page("/staff/cases/" + created.getId(), "owner-capelle").assertStatus(200).document();
        Element decision = history.select("table tbody tr").last();
        assertThat(decision.text()).contains("Vrijgeven voor publicatie", "Teruggestuurd", "Bram Dekker",
                "Publicatieverantwoordelijke", "Contactgegevens ontbreken nog.");
        assertThat(history.selectFirst("dl.facts").text()).contains("Aanpassen na opmerkingen");
    }

    @Test
    void aReleaseOnThePageIsPublishedByTheTimeThePublisherSeesTheCase() throws Exception {
        AlgorithmCase created = awaitingRelease("owner-capelle", complete(unique("Parkeerdruk voorspellen")));
        ReviewTask release = task("publisher-capelle", created.getId(), "releasePublication");

        Page released = page(form("/staff/cases/" + created.getId() + "/tasks/" + release.id(), "publisher-capelle")
                .param("outcome", "approve").param("rationale", "Akkoord."));
        released.assertStatus(302);
        // no wait for a job executor: the publication ran on the releasing request, after the release committed
        assertThat(cases.read(staff("owner-capelle"), created.getId()).getStage()).isEqualTo(CaseStage.PUBLISHED);
        assertThat(released.redirectedTo()).endsWith("/staff/cases/" + created.getId());
    }

    @Test
    void nobodyReviewsTheirOwnCaseAndCompletedTasksAreAConflict() throws Exception {
        AlgorithmCase created = awaitingRelease("owner-zoetermeer", complete(unique("Eigen zaak")));
        ReviewTask release = task("publisher-zoetermeer", created.getId(), "releasePublication");
        String action = "/staff/cases/" + created.getId() + "/tasks/" + release.id();

        Page wrongRole = page(form(action, "owner-zoetermeer").param("outcome", "approve").param("rationale", "Zelf gedaan"));
        wrongRole.assertStatus(403);
        assertWellFormedPage(wrongRole.document());
        Document ownerView = page("/staff/cases/" + created.getId(), "owner-zoetermeer").document();
        assertThat(ownerView.select("form[action=" + action + "]")).isEmpty();
        assertThat(ownerView.text()).contains("Deze taak ligt bij: Publicatieverantwoordelijke.");

        completeTask("publisher-zoetermeer", created.getId(), "releasePublication", new TaskCompletion("approve", "Akkoord.", null));
        Page again = page(form(action, "publisher-zoetermeer").param("outcome", "approve").param("rationale", "Nog eens"));
        again.assertStatus(409);
        assertWellFormedPage(again.document());
    }

    @Test
    void refusalsArePagesWithTheirStatusCode() throws Exception {
        Page notOwner = page("/staff/cases/new", "privacy-zoetermeer").assertStatus(403);
        assertWellFormedPage(notOwner.document());
        assertThat(notOwner.document().selectFirst("h1").text()).isEqualTo("Alleen voor projecteigenaren");

        AlgorithmCase other = draft("owner-nissewaard", complete(unique("Andermans zaak")));
        Page hidden = page("/staff/cases/" + other.getId(), "owner-zoetermeer").assertStatus(404);
        assertWellFormedPage(hidden.document());
        assertThat(hidden.html()).doesNotContain(other.getName());

        AlgorithmCase reviewing = awaitingRelease("owner-zoetermeer", complete(unique("In beoordeling")));
        Page underReview = page("/staff/cases/" + reviewing.getId() + "/edit", "owner-zoetermeer").assertStatus(409);
        assertThat(underReview.document().selectFirst("h1").text()).isEqualTo("Dit algoritme wordt beoordeeld");

        Page anonymous = page("/staff/cases/" + other.getId());
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.redirectedTo()).endsWith("/login");
    }

    @Test
    void theCasePageSpeaksEnglishOnRequest() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Engelse pagina")));
        Document page = page("/staff/cases/" + created.getId() + "?lang=en", "owner-zoetermeer").assertStatus(200).document();

        assertWellFormedPage(page);
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("dl.facts").text()).contains("Stage", "Draft");
        assertThat(page.selectFirst("#field-description_short dt").text()).isEqualTo("Short description");
        assertThat(page.selectFirst("#field-status dd").text()).isEqualTo("In use");
        Document form = page("/staff/cases/new?lang=en", "owner-zoetermeer").document();
        assertThat(form.selectFirst("label[for=f-name]").text()).startsWith("Name").contains("(required)");
        assertThat(form.selectFirst("label[for=f-category]").text()).isEqualTo("Organisation and business operations");
    }
}
