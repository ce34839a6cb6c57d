package nl.transparant.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Issue 14: organisations' names come from memory, and a change through the application shows at once. */
class OrganisationNamesTest extends PageTestSupport {

    static final String API = "/api/admin/organisations";

    @Autowired
    OrganisationNames names;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNameIsReadOnceAndAChangeEmptiesTheCacheWhenCommitted() throws Exception {
        String code = "gm-namen-" + Long.toHexString(System.nanoTime());
        assertThat(call(post(API), Map.of("code", code, "name", "Gemeente Namen", "type", "gemeente"))).isEqualTo(201);
        assertThat(names.of(code)).isEqualTo("Gemeente Namen");

        // a change behind the application's back (another node's, say) is not seen until the entry expires: served from memory
        inTransaction(() -> jdbc.update("UPDATE organisation SET name = 'Gemeente Ergens Anders' WHERE code = ?", code));
        assertThat(names.of(code)).isEqualTo("Gemeente Namen");

        // a change through the application is seen at once
        assertThat(call(put(API + "/" + code), Map.of("name", "Gemeente Nieuwe Namen", "type", "gemeente"))).isEqualTo(200);
        assertThat(names.of(code)).isEqualTo("Gemeente Nieuwe Namen");

        assertThat(names.of("gm-bestaat-niet")).as("an unknown organisation shows its code").isEqualTo("gm-bestaat-niet");
    }

    private int call(MockHttpServletRequestBuilder request, Map<String, Object> body) throws Exception {
        return mvc.perform(request.with(authentication(as("admin"))).contentType(MediaType.APPLICATION_JSON)
                .content(new ObjectMapper().writeValueAsBytes(body))).andReturn().getResponse().getStatus();
    }
}
