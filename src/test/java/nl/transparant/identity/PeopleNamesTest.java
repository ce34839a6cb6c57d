package nl.transparant.identity;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.site.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.Jwt;

/** People by their names on pages and in reports; auditors see the account beside the name; names from Keycloak are kept. */
class PeopleNamesTest extends PageTestSupport {

    @Autowired
    PeopleNames people;

    @Test
    void pagesShowPeopleByNameAndTheAuditorSeesTheAccountBeside() throws Exception {
        AlgorithmCase c = awaitingRelease("owner-capelle", complete(unique("Namen op de pagina")));

        Document page = page("/staff/cases/" + c.getId(), "publisher-capelle").assertStatus(200).document();
        assertWellFormedPage(page);
        assertThat(page.select("dl.facts dd").eachText()).contains("Eva Jansen");
        assertThat(page.select("table tbody tr").text()).contains("Eva Jansen");
        assertThat(page.selectFirst("main").text()).doesNotContain("owner-capelle");

        Document audit = page("/staff/audit/cases/" + c.getId(), "auditor-regional").assertStatus(200).document();
        assertThat(audit.selectFirst("main").text()).contains("Eva Jansen (owner-capelle)");
    }

    @Test
    void aNameKeycloakGaveIsKeptForThePagesAndTheAccountIdIsTheLastResort() {
        Jwt token = Jwt.withTokenValue("token").header("alg", "none").claim("preferred_username", "k-jansen")
                .claim("given_name", "Kim").claim("family_name", "Jansen").build();
        StaffUser fromToken = CurrentStaff.fromClaims(token);
        assertThat(fromToken.displayName()).isEqualTo("Kim Jansen");
        assertThat(people.name("k-jansen")).as("not seen yet").isEqualTo("k-jansen");

        people.seen(fromToken);
        assertThat(people.name("k-jansen")).isEqualTo("Kim Jansen");
        assertThat(people.nameAndAccount("k-jansen")).isEqualTo("Kim Jansen (k-jansen)");

        people.seen(new StaffUser("k-jansen", "Kim de Jong-Jansen", Set.of(Role.PROJECT_OWNER), Set.of("capelle")));
        assertThat(people.name("k-jansen")).as("a changed name replaces the old one").isEqualTo("Kim de Jong-Jansen");

        assertThat(people.name("owner-bar")).as("a demo account").isEqualTo("Daan Bakker");
        assertThat(people.name("system")).isEqualTo("system");
        assertThat(people.nameAndAccount("system")).isEqualTo("system");
        Jwt bare = Jwt.withTokenValue("token").header("alg", "none").claim("preferred_username", "k-bare").build();
        assertThat(CurrentStaff.fromClaims(bare).displayName()).as("no profile scope").isEqualTo("k-bare");
    }
}
