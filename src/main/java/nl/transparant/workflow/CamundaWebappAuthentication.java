package nl.transparant.workflow;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.transparant.identity.CurrentStaff;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
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
            knownToTheEngine(engine, user);
            AuthenticationResult result = AuthenticationResult.successful(user.id());
            List<String> groups = new ArrayList<>(user.roleNames());
            groups.add(CAMUNDA_ADMIN_GROUP);
            result.setGroups(groups);
            result.setTenants(new ArrayList<>(user.organisations()));
            return result;
        }

        /**
         * The web apps look the user up in the engine's own user table before they accept a session, and
         * send everyone to a first-user setup page while no member of {@value #CAMUNDA_ADMIN_GROUP} exists.
         * The administrator is recorded there on first visit (no password: signing in stays Spring
         * Security's job, so the engine's user table holds names and memberships only).
         */
        private static void knownToTheEngine(ProcessEngine engine, StaffUser user) {
            IdentityService identity = engine.getIdentityService();
            if (identity.createGroupQuery().groupId(CAMUNDA_ADMIN_GROUP).count() == 0) {
                Group group = identity.newGroup(CAMUNDA_ADMIN_GROUP);
                group.setName("Camunda administrators (Transparant role admin)");
                group.setType("SYSTEM");
                identity.saveGroup(group);
            }
            if (identity.createUserQuery().userId(user.id()).count() == 0) {
                User engineUser = identity.newUser(user.id());
                engineUser.setFirstName(user.displayName());
                identity.saveUser(engineUser);
            }
            if (identity.createUserQuery().userId(user.id()).memberOfGroup(CAMUNDA_ADMIN_GROUP).count() == 0) {
                identity.createMembership(user.id(), CAMUNDA_ADMIN_GROUP);
            }
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            // Spring Security has already asked for sign-in; nothing to add
        }
    }
}
