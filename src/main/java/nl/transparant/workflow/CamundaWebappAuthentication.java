package nl.transparant.workflow;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.transparant.identity.CurrentStaff;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camunda web apps (Cockpit, at {@code /camunda}) trust the person Spring Security signed in, instead of
 * keeping users of their own. Spring Security already limits {@code /camunda/**} to administrators; this
 * filter runs after it and hands the administrator to the web apps.
 */
@Configuration
class CamundaWebappAuthentication {

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaContainerAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", SignedInAdministrator.class.getName()));
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    /** Instantiated by the Camunda filter by class name. */
    public static class SignedInAdministrator implements AuthenticationProvider {

        static final String CAMUNDA_ADMIN_GROUP = "camunda-admin";

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            StaffUser user = CurrentStaff.current().filter(u -> u.has(Role.ADMIN)).orElse(null);
            if (user == null) {
                return AuthenticationResult.unsuccessful();
            }
            AuthenticationResult result = AuthenticationResult.successful(user.id());
            List<String> groups = new ArrayList<>(user.roleNames());
            groups.add(CAMUNDA_ADMIN_GROUP);
            result.setGroups(groups);
            result.setTenants(new ArrayList<>(user.organisations()));
            return result;
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            // Spring Security has already asked for sign-in; nothing to add
        }
    }
}
