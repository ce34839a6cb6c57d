package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every browser form refuses a post without the session's CSRF token. The forms are not listed by hand: every
 * writing request mapping outside the token-authenticated API is found in the application itself, so a form added
 * later is checked too.
 */
class CsrfProtectionTest extends PageTestSupport {

    /** Stateless, token or Basic authenticated: no cookie reaches them, so there is nothing to forge. */
    private static final List<String> STATELESS = List.of("/api/", "/engine-rest/", "/actuator/");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyFormPostWithoutATokenIsRefused() throws Exception {
        List<String> forms = formPaths();
        assertThat(forms).as("the forms found").contains("/register/x/melden", "/staff/cases/new", "/staff/cases/x/tasks/x");
        forms.addAll(List.of("/login", "/logout"));
        for (String path : forms) {
            int signedIn = mvc.perform(post(path).param("field", "value").with(authentication(as("owner-zoetermeer"))))
                    .andReturn().getResponse().getStatus();
            assertThat(signedIn).as("signed-in post without token to %s", path).isEqualTo(403);
            int anonymous = mvc.perform(post(path).param("field", "value")).andReturn().getResponse().getStatus();
            assertThat(anonymous).as("anonymous post without token to %s", path).isEqualTo(403);
            int forged = mvc.perform(post(path).param("field", "value").with(authentication(as("owner-zoetermeer")))
                    .with(csrf().useInvalidToken())).andReturn().getResponse().getStatus();
            assertThat(forged).as("post with a forged token to %s", path).isEqualTo(403);
        }
    }

    private List<String> formPaths() {
        List<String> paths = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            boolean writes = methods.isEmpty() || methods.stream().anyMatch(m -> m != RequestMethod.GET && m != RequestMethod.HEAD);
            for (String pattern : info.getPatternValues()) {
                if (writes && STATELESS.stream().noneMatch(pattern::startsWith) && !pattern.equals("/error")) {
                    paths.add(pattern.replaceAll("\\{[^}]+}", "x"));
                }
            }
        }
        return paths;
    }
}
