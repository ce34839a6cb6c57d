package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Issue 13's looks: a real icon instead of a 404 on every page, codes in the audit table not broken inside a word. */
class LooksPagesTest extends PageTestSupport {

    @Test
    void everyPageNamesItsIconAndTheIconIsServed() throws Exception {
        Document register = page("/register").assertStatus(200).document();
        assertThat(register.select("link[rel=icon]").attr("href")).isEqualTo("/favicon.ico");
        assertThat(page("/staff", "owner-zoetermeer").document().select("link[rel=icon]")).hasSize(1);

        Page icon = page("/favicon.ico").assertStatus(200);
        byte[] bytes = icon.result().getResponse().getContentAsByteArray();
        assertThat(bytes.length).isPositive();
        // an ICO file: reserved 0, type 1 (icon), then the number of images
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2], bytes[3]}).containsExactly(0, 0, 1, 0);
    }

    @Test
    void codesInTheAuditTablesAreNotBrokenInsideAWordAndTheDiagramFitsItsBox() throws Exception {
        String css = Files.readString(Path.of("src/main/resources/static/css/audit.css"));
        assertThat(css).doesNotContain("break-all").doesNotContain("overflow-wrap: anywhere");
        assertThat(css).contains(".audit-diagram svg { display: block; width: 100%; height: auto;");
        String report = Files.readString(Path.of("src/main/resources/static/css/report.css"));
        assertThat(report).contains("table-layout: fixed");
    }
}
