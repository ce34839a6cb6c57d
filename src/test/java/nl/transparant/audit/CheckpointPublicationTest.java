package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.jsoup.nodes.Element;
import nl.transparant.site.ClockedPageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The checkpoints are public with their key (JSON, a page of the register in Dutch and English, the feed), an
 * administrator signs one on demand, and the auditor's verification checks the chain against them.
 */
class CheckpointPublicationTest extends ClockedPageTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private DecisionLog log;

    @Test
    void anAdministratorSignsTheHeadOnDemandAndEveryoneSeesItWithThePublicKey() throws Exception {
        draft("owner-zoetermeer", complete(unique("Controlepunt")));
        assertThat(mvc.perform(post("/api/admin/checkpoints")).andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(mvc.perform(post("/api/admin/checkpoints").with(authentication(as("auditor-regional"))))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        MockHttpServletResponse signed = mvc.perform(post("/api/admin/checkpoints").with(authentication(as("admin"))))
                .andReturn().getResponse();
        assertThat(signed.getStatus()).isEqualTo(200);
        JsonNode checkpoint = JSON.readTree(signed.getContentAsString());
        assertThat(checkpoint.get("logSeq").asLong()).isEqualTo(log.head().lastSeq());
        assertThat(checkpoint.get("logHash").asText()).isEqualTo(log.head().lastHash());

        JsonNode published = JSON.readTree(mvc.perform(get("/api/public/checkpoints")).andReturn().getResponse().getContentAsString());
        assertThat(published.get("algorithm").asText()).isEqualTo("Ed25519");
        JsonNode last = published.get("checkpoints").get(published.get("checkpoints").size() - 1);
        assertThat(last).isEqualTo(checkpoint);
        Checkpoint parsed = new Checkpoint(last.get("number").asLong(), last.get("logSeq").asLong(), last.get("logHash").asText(),
                Instant.parse(last.get("signedAt").asText()), last.get("keyId").asText(), last.get("signature").asText());
        assertThat(CheckpointKey.signedBy(parsed, CheckpointKey.publicKey(published.get("publicKey").asText()))).isTrue();

        Page dutch = page("/register/checkpoints");
        assertThat(dutch.status()).isEqualTo(200);
        assertThat(dutch.document().select("h1").text()).isEqualTo("Controlepunten van het beslislogboek");
        assertThat(dutch.document().select("#checkpoint-" + parsed.number() + " code").text()).contains(parsed.signature());
        // the time for people, in the Dutch way; the exact instant for machines
        Element signedAt = dutch.document().selectFirst("#checkpoint-" + parsed.number() + " time");
        assertThat(signedAt.text()).isEqualTo(new nl.transparant.site.PageDates().dateTime(parsed.signedAt(), new java.util.Locale("nl")))
                .doesNotContain("T").doesNotContain("+0000");
        assertThat(Instant.parse(signedAt.attr("datetime"))).isEqualTo(parsed.signedAt());
        // the language is in the path, like every public page's; the old ?lang=en leads there
        assertThat(page("/en/register/checkpoints").document().select("h1").text()).isEqualTo("Checkpoints of the decision log");
        assertThat(page("/en/register/checkpoints").document().select("html").attr("lang")).isEqualTo("en");
        assertThat(mvc.perform(get("/register/checkpoints").param("lang", "en")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/en/register/checkpoints");

        String feed = mvc.perform(get("/register/feed.atom")).andReturn().getResponse().getContentAsString();
        assertThat(feed).contains("urn:transparant:decision-log-checkpoint:" + parsed.number()).contains(parsed.signature());
        String englishFeed = mvc.perform(get("/register/feed.atom").param("lang", "en")).andReturn().getResponse().getContentAsString();
        assertThat(englishFeed).contains("/en/register/checkpoints#checkpoint-" + parsed.number());

        JsonNode verified = JSON.readTree(mvc.perform(get("/api/audit/verify").with(authentication(as("auditor-regional"))))
                .andReturn().getResponse().getContentAsString());
        assertThat(verified.get("intact").asBoolean()).isTrue();
        assertThat(verified.get("checkpointsChecked").asLong()).isGreaterThanOrEqualTo(1);
    }
}
