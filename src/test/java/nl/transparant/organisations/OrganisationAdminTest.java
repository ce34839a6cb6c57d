package nl.transparant.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Organisations as data: the administrator's API (create, change, bad input, duplicates, who may), the organisation
 * file (the demo's MRDH region in one step, idempotent, all or nothing), codes for long real names, and the decision
 * log's record of every change.
 */
class OrganisationAdminTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String API = "/api/admin/organisations";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ClaimMatching claims;

    @Test
    void anAdministratorCreatesReadsAndChangesAnOrganisationAndTheDecisionLogHasEachChange() throws Exception {
        Map<String, Object> body = Map.of("code", "provincie-zuid-holland", "name", "Provincie Zuid-Holland", "nationalId", "pv28",
                "type", "provincie", "tooiUri", "https://identifier.overheid.nl/tooi/id/provincie/pv28", "kvk", "27373207");
        MockHttpServletResponse created = call(post(API), "admin", body);
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        assertThat(created.getHeader("Location")).isEqualTo("/api/admin/organisations/provincie-zuid-holland");
        JsonNode read = json(call(get(API + "/provincie-zuid-holland"), "admin", null));
        assertThat(read.get("type").asText()).as("the national register's key becomes the type as shown").isEqualTo("Provincie");
        assertThat(read.get("active").asBoolean()).isTrue();

        Map<String, Object> changed = Map.of("name", "Provincie Zuid-Holland", "nationalId", "pv28", "type", "Provincie",
                "kvk", "27373207", "active", false);
        MockHttpServletResponse updated = call(put(API + "/provincie-zuid-holland"), "admin", changed);
        assertThat(updated.getStatus()).as(updated.getContentAsString()).isEqualTo(200);
        assertThat(json(updated).get("tooiUri").isNull()).isTrue();
        assertThat(json(updated).get("active").asBoolean()).isFalse();

        List<Map<String, Object>> records = jdbc.queryForList("SELECT actor_id, outcome, payload FROM decision_log "
                + "WHERE event_type = 'organisation-changed' AND organisation_code IS NULL AND payload LIKE '%\"organisation\":\"provincie-zuid-holland\"%' ORDER BY seq");
        assertThat(records).extracting(r -> r.get("outcome")).containsExactly("created", "deactivated");
        assertThat(records).extracting(r -> r.get("actor_id")).containsOnly("admin");
        JsonNode second = JSON.readTree((String) records.get(1).get("payload"));
        assertThat(second.at("/before/tooiUri").asText()).isEqualTo("https://identifier.overheid.nl/tooi/id/provincie/pv28");
        assertThat(second.at("/after/active").asBoolean()).isFalse();

        // the same body again changes nothing and records nothing
        assertThat(call(put(API + "/provincie-zuid-holland"), "admin", changed).getStatus()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE payload LIKE '%\"organisation\":\"provincie-zuid-holland\"%'",
                Integer.class)).isEqualTo(2);
    }

    @Test
    void badInputIsA400WithEveryFieldProblemAndNothingStored() throws Exception {
        Map<String, Object> body = Map.of("code", "Niet Goed!", "name", "Gemeente Nergens", "nationalId", "gm12", "type", "Kasteel",
                "kvk", "123", "tooiUri", "http://example.org/gm0001");
        MockHttpServletResponse refused = call(post(API), "admin", body);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(json(refused).findValuesAsText("field")).containsExactlyInAnyOrder("code", "nationalId", "type", "kvk", "tooiUri");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM organisation WHERE name = 'Gemeente Nergens'", Integer.class)).isZero();

        MockHttpServletResponse noParent = call(post(API), "admin", Map.of("code", "nergens", "name", "Gemeente Nergens", "type", "Gemeente",
                "partOf", "bestaat-niet"));
        assertThat(noParent.getStatus()).isEqualTo(400);
        assertThat(json(noParent).findValuesAsText("field")).containsExactly("partOf");
        assertThat(call(get(API + "/nergens"), "admin", null).getStatus()).isEqualTo(404);

        MockHttpServletResponse markup = call(post(API), "admin", Map.of("code", "xss", "name", "<img src=x onerror=alert(1)>",
                "type", "Overig"));
        assertThat(json(markup).findValuesAsText("field")).containsExactly("name");
        assertThat(call(post(API), "admin", Map.of("code", "xss", "name", "javascript:alert(1)", "type", "Overig")).getStatus())
                .isEqualTo(400);
    }

    @Test
    void aParentThatWouldMakeACircleIsRefused() throws Exception {
        assertThat(call(post(API), "admin", Map.of("code", "ministerie-a", "name", "Ministerie A", "type", "Ministerie")).getStatus())
                .isEqualTo(201);
        assertThat(call(post(API), "admin", Map.of("code", "agentschap-a", "name", "Agentschap A", "type", "Agentschap",
                "partOf", "ministerie-a")).getStatus()).isEqualTo(201);
        MockHttpServletResponse circle = call(put(API + "/ministerie-a"), "admin", Map.of("name", "Ministerie A", "type", "Ministerie",
                "partOf", "agentschap-a"));
        assertThat(circle.getStatus()).isEqualTo(400);
        assertThat(json(circle).at("/errors/0/field").asText()).isEqualTo("partOf");
        assertThat(call(put(API + "/ministerie-a"), "admin", Map.of("code", "ander", "name", "Ministerie A", "type", "Ministerie"))
                .getStatus()).as("codes never change").isEqualTo(400);
    }

    @Test
    void aDuplicateCodeNationalIdOrNameIsA409() throws Exception {
        assertThat(call(post(API), "admin", Map.of("code", "zoetermeer", "name", "Iets anders", "type", "Gemeente")).getStatus())
                .isEqualTo(409);
        assertThat(call(post(API), "admin", Map.of("code", "zoetermeer-2", "name", "Iets anders", "type", "Gemeente",
                "nationalId", "gm0637")).getStatus()).isEqualTo(409);
        assertThat(call(post(API), "admin", Map.of("code", "zoetermeer-3", "name", "gemeente zoetermeer", "type", "Gemeente"))
                .getStatus()).isEqualTo(409);
    }

    /** Third outside test, 2026-12-06: texts in the caller's language, a one-letter code, a column named twice. */
    @Test
    void refusalsSayWhatIsWrongInTheCallersLanguage() throws Exception {
        MockHttpServletResponse taken = call(post(API), "admin", Map.of("code", "zoetermeer", "name", "Iets anders", "type", "Gemeente"));
        assertThat(json(taken).get("detail").asText()).isEqualTo("Er is al een organisatie met code zoetermeer.");
        MockHttpServletResponse takenInEnglish = mvc.perform(post(API).with(authentication(as("admin"))).header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsBytes(Map.of("code", "zoetermeer", "name", "Iets anders",
                        "type", "Gemeente")))).andReturn().getResponse();
        assertThat(json(takenInEnglish).get("detail").asText()).isEqualTo("An organisation with code zoetermeer exists.");
        assertThat(json(call(get(API + "/bestaat-niet"), "admin", null)).get("detail").asText()).startsWith("Er is geen organisatie met code");

        MockHttpServletResponse oneLetter = call(post(API), "admin", Map.of("code", "x", "name", "Test X", "type", "Gemeente"));
        assertThat(oneLetter.getStatus()).as("codes are 2 to 64 characters, as the refusal says").isEqualTo(400);
        assertThat(json(oneLetter).at("/errors/0/field").asText()).isEqualTo("code");

        String twice = json(importFile("admin", "national_id,name,name,type,parent\r\n".getBytes(StandardCharsets.UTF_8), 400))
                .get("detail").asText();
        assertThat(twice).isEqualTo("Elke kolom eenmaal: name staat er vaker.");
        MockHttpServletResponse refusedRows = importFile("admin", ("national_id,name,type,parent\r\n"
                + "gm9998,Gemeente Dubbel,Gemeente,\r\ngm9998,Gemeente Dubbel,Gemeente,\r\n").getBytes(StandardCharsets.UTF_8), 400);
        assertThat(json(refusedRows).get("title").asText()).isEqualTo("Import geweigerd");
        assertThat(json(refusedRows).get("detail").asText()).contains("rijen geweigerd; er is niets opgeslagen");
    }

    @Test
    void onlyAnAdministratorManagesOrganisations() throws Exception {
        assertThat(call(get(API), "owner-zoetermeer", null).getStatus()).isEqualTo(403);
        assertThat(call(post(API), "auditor-regional", Map.of("code", "x-org", "name", "X", "type", "Overig")).getStatus()).isEqualTo(403);
        assertThat(call(put(API + "/zoetermeer"), "publisher-zoetermeer", Map.of("name", "X", "type", "Gemeente")).getStatus())
                .isEqualTo(403);
        assertThat(call(get(API + "/bestaat-niet"), "admin", null).getStatus()).isEqualTo(404);
    }

    @Test
    void theMrdhFileLoadsTheWholeRegionInOneStepAndAgainChangesNothing() throws Exception {
        byte[] file = new ClassPathResource("demo/organisations.csv").getInputStream().readAllBytes();
        JsonNode report = json(importFile("admin", file, 200));
        assertThat(report.get("rows")).hasSize(22);
        // Zoetermeer, Nissewaard and Capelle were there (V1 and V75); the BAR-organisatie gets the three it serves
        assertThat(report.get("created").asInt()).isEqualTo(18);
        assertThat(report.get("unchanged").asInt()).isEqualTo(3);
        assertThat(report.get("updated").asInt()).isEqualTo(1);

        JsonNode rotterdam = json(call(get(API + "/rotterdam"), "admin", null));
        assertThat(rotterdam.get("nationalId").asText()).isEqualTo("gm0599");
        assertThat(rotterdam.get("name").asText()).isEqualTo("Gemeente Rotterdam");
        assertThat(json(call(get(API + "/den-haag"), "admin", null)).get("nationalId").asText()).isEqualTo("gm0518");
        assertThat(json(call(get(API + "/voorne-aan-zee"), "admin", null)).get("nationalId").asText()).isEqualTo("gm1992");
        assertThat(json(call(get(API + "/capelle"), "admin", null)).get("nationalId").asText())
                .as("the existing code is kept").isEqualTo("gm0502");
        JsonNode bar = json(call(get(API + "/bar"), "admin", null));
        assertThat(bar.get("serves")).extracting(JsonNode::asText).containsExactly("albrandswaard", "barendrecht", "ridderkerk");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE event_type = 'organisation-changed' "
                + "AND (payload LIKE '%\"organisation\":\"rotterdam\"%' OR payload LIKE '%\"organisation\":\"bar\"%')", Integer.class)).isEqualTo(2);

        JsonNode again = json(importFile("admin", file, 200));
        assertThat(again.get("unchanged").asInt()).isEqualTo(22);

        // Keycloak may name Rotterdam by its national id or its code
        assertThat(claims.codesFor(List.of("gm0599", "zoetermeer", "GM0502", "onbekend")))
                .containsExactly("rotterdam", "zoetermeer", "capelle", "onbekend");
    }

    @Test
    void oneBadRowRefusesTheWholeFileWithAReasonPerRow() throws Exception {
        String csv = "National id,Name,Type,Parent\r\n"
                + "gm0344,Gemeente Utrecht,Gemeente,\r\n"
                + "gm99,Gemeente Fout,Gemeente,\r\n"
                + "pv26,Provincie Utrecht,Provincie,gm9999\r\n";
        JsonNode problem = json(importFile("admin", csv.getBytes(StandardCharsets.UTF_8), 400));
        assertThat(problem.at("/report/refused").asInt()).isEqualTo(2);
        assertThat(problem.at("/report/rows/0/result").asText()).isEqualTo("CREATED");
        assertThat(problem.at("/report/rows/1/reason").asText()).startsWith("national_id:");
        assertThat(problem.at("/report/rows/2/reason").asText()).startsWith("parent:");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM organisation WHERE national_id = 'gm0344'", Integer.class)).isZero();

        assertThat(json(importFile("admin", "naam,soort\r\n".getBytes(StandardCharsets.UTF_8), 400)).get("detail").asText())
                .contains("Onbekende kolom", "naam"); // in the caller's language: Dutch unless English is asked for
        importFile("owner-zoetermeer", csv.getBytes(StandardCharsets.UTF_8), 403);
    }

    @Test
    void aFileGivesAnOrganisationWithoutANationalIdItsOwnFoundByName() throws Exception {
        assertThat(call(post(API), "admin", Map.of("code", "vr-proef", "name", "Veiligheidsregio Proefland", "type",
                "Regionaal samenwerkingsorgaan")).getStatus()).isEqualTo(201);
        String csv = "national_id,name,type,parent\r\nso0999,Veiligheidsregio Proefland,Regionaal samenwerkingsorgaan,\r\n";
        JsonNode report = json(importFile("admin", csv.getBytes(StandardCharsets.UTF_8), 200));
        assertThat(report.at("/rows/0/result").asText()).isEqualTo("UPDATED");
        assertThat(report.at("/rows/0/code").asText()).isEqualTo("vr-proef");
        assertThat(json(call(get(API + "/vr-proef"), "admin", null)).get("nationalId").asText()).isEqualTo("so0999");
    }

    @Test
    void aLongRealNameGetsACodeAndACaseOfItsOwnThroughTheProcess() throws Exception {
        String name = "Gemeenschappelijke Regeling Omgevingsdienst Midden- en West-Brabant";
        String csv = "national_id,name,type,parent\r\noorg10471," + name + ",Omgevingsdienst,\r\n"
                + "oorg10472,Gemeenschappelijke Regeling Samenwerkingsverband Uitvoering Werk en Inkomen Regio Zuid-Oost-Brabant "
                + "Peelland en de Kempen,Regionaal samenwerkingsverband,oorg10471\r\n";
        JsonNode report = json(importFile("admin", csv.getBytes(StandardCharsets.UTF_8), 200));
        String code = report.at("/rows/0/code").asText();
        assertThat(code).isEqualTo("gr-omgevingsdienst-midden-en-west-brabant");
        String longer = report.at("/rows/1/code").asText();
        assertThat(longer).hasSizeLessThanOrEqualTo(64).startsWith("gr-samenwerkingsverband-uitvoering-werk-en-inkomen").doesNotEndWith("-");
        assertThat(json(call(get(API + "/" + longer), "admin", null)).get("partOf").asText()).isEqualTo(code);

        StaffUser owner = new StaffUser("owner-odmwb", "Eigenaar", Set.of(Role.PROJECT_OWNER), Set.of(longer));
        AlgorithmCase created = cases.create(owner, null, complete(unique("Toezicht op bodemsanering")), null);
        assertThat(created.getOrganisationCode()).isEqualTo(longer);
        // submitted, the case's process instance has the organisation as its tenant: the code fits the engine's columns
        cases.submit(owner, created.getId());
        assertThat(cases.read(owner, created.getId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
    }

    private MockHttpServletResponse importFile(String username, byte[] csv, int expectedStatus) throws Exception {
        MockHttpServletResponse response = mvc.perform(post(API + "/import").with(authentication(as(username)))
                .contentType("text/csv").content(csv)).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(expectedStatus);
        return response;
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String username, Map<String, Object> body) throws Exception {
        request.with(authentication(as(username)));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsBytes(body));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
