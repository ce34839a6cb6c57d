package nl.transparant.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import nl.transparant.site.PageTestSupport;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

/** The administrator's organisation pages: the list with Keycloak's claim values, the form, the file upload, both languages. */
class OrganisationPagesTest extends PageTestSupport {

    static final String PAGE = "/staff/admin/organisations";

    @Test
    void theListShowsEveryOrganisationWithTheClaimValuesThatNameIt() throws Exception {
        Page list = page(PAGE, "admin").assertStatus(200);
        Element zoetermeer = list.document().getElementById("org-zoetermeer");
        assertThat(zoetermeer.selectFirst("th").text()).isEqualTo("Gemeente Zoetermeer");
        assertThat(zoetermeer.select("td.claim-values code").eachText()).containsExactly("zoetermeer", "gm0637");
        assertThat(list.document().getElementById("org-bar").select("td.claim-values code").eachText()).containsExactly("bar");
        assertThat(list.document().select("h1").text()).isEqualTo("Organisaties");
        assertThat(page(PAGE + "?lang=en", "admin").assertStatus(200).document().select("h1").text()).isEqualTo("Organisations");

        assertThat(page("/staff", "admin").document().select("a[href=/staff/admin/organisations]")).hasSize(1);
        assertThat(page("/staff", "owner-zoetermeer").document().select("a[href=/staff/admin/organisations]")).isEmpty();
    }

    @Test
    void onlyAnAdministratorSeesThePages() throws Exception {
        page(PAGE, "owner-zoetermeer").assertStatus(403);
        page(PAGE + "/new", "auditor-regional").assertStatus(403);
        page(PAGE + "/zoetermeer/edit", "publisher-zoetermeer").assertStatus(403);
        page(form(PAGE + "/new", "privacy-zoetermeer").param("code", "x-org").param("name", "X").param("type", "Overig")).assertStatus(403);
    }

    @Test
    void theFormCreatesAndChangesAnOrganisationAndShowsEachProblemAtItsField() throws Exception {
        Page refused = page(form(PAGE + "/new", "admin").param("code", "Fout!").param("name", "Waterschap Hollandse Delta")
                .param("type", "Waterschap").param("nationalId", "ws12").param("active", "true")).assertStatus(400);
        assertThat(refused.document().select(".error-summary a").eachAttr("href")).containsExactly("#f-code", "#f-nationalId");
        assertThat(refused.document().getElementById("f-name").val()).as("what was typed stays").isEqualTo("Waterschap Hollandse Delta");

        Page created = page(form(PAGE + "/new", "admin").param("code", "hollandse-delta").param("name", "Waterschap Hollandse Delta")
                .param("type", "Waterschap").param("nationalId", "ws0655").param("active", "true"));
        assertThat(created.redirectedTo()).isEqualTo(PAGE + "#org-hollandse-delta");

        Page edit = page(PAGE + "/hollandse-delta/edit", "admin").assertStatus(200);
        assertThat(edit.document().getElementById("f-code").hasAttr("readonly")).isTrue();
        assertThat(edit.document().getElementById("f-nationalId").val()).isEqualTo("ws0655");
        // the active box left unticked switches the organisation off
        page(form(PAGE + "/hollandse-delta/edit", "admin").param("name", "Waterschap Hollandse Delta").param("type", "Waterschap")
                .param("nationalId", "ws0655"));
        Element row = page(PAGE, "admin").document().getElementById("org-hollandse-delta");
        assertThat(row.select("td").last().text()).isEqualTo("nee");

        Page duplicate = page(form(PAGE + "/new", "admin").param("code", "hollandse-delta-2").param("name", "Waterschap Hollandse Delta")
                .param("type", "Waterschap")).assertStatus(409);
        assertThat(duplicate.document().select(".error-summary").text()).contains("hollandse-delta");
    }

    @Test
    void theUploadLoadsAFileAndReportsPerRow() throws Exception {
        byte[] csv = "national_id,name,type,parent\r\nws0656,Hoogheemraadschap van Schieland en de Krimpenerwaard,Waterschap,\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Page loaded = page(multipart(PAGE + "/import").file(new MockMultipartFile("file", "region.csv", "text/csv", csv))
                .with(authentication(as("admin"))).with(csrf())).assertStatus(200);
        assertThat(loaded.document().select("#import-report ~ .table-wrap td strong").eachText()).containsExactly("nieuw");
        assertThat(loaded.document().getElementById("org-hoogheemraadschap-van-schieland-en-de-krimpenerwaard")).isNotNull();

        Page refused = page(multipart(PAGE + "/import").file(new MockMultipartFile("file", "bad.csv", "text/csv",
                "national_id,name,type,parent\r\nws1,X,Waterschap,\r\n".getBytes(StandardCharsets.UTF_8)))
                .with(authentication(as("admin"))).with(csrf())).assertStatus(400);
        assertThat(refused.document().select("td strong").eachText()).containsExactly("geweigerd");
    }
}
