package nl.transparant.identity;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may reach what, by URL. Finer rules (organisation, submitter) are decided where the data is:
 * in the services and, for reviews, in the engine. Anything not named here is denied.
 */
@Configuration
class SecurityConfiguration implements WebMvcConfigurer {

    static final String ADMIN = Role.ADMIN.roleName();

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, IdentityMode identity) throws Exception {
        http.securityMatcher("/api/**", "/engine-rest/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/public/**").permitAll()
                        .requestMatchers("/engine-rest/**").hasRole(ADMIN)
                        .requestMatchers("/api/cases/**", "/api/tasks/**").authenticated()
                        .anyRequest().denyAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // only stateless credentials (bearer token, basic) reach these endpoints, never a cookie
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ProblemResponses.unauthorized(identity.apiChallenge()))
                        .accessDeniedHandler(ProblemResponses.forbidden()));
        identity.configureApi(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webSecurity(HttpSecurity http, IdentityMode identity) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/", "/register", "/register/**", "/css/**", "/js/**", "/images/**",
                                "/favicon.ico", "/login", "/error", "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/login", "/logout").permitAll()
                        .requestMatchers("/camunda/**").hasRole(ADMIN)
                        .requestMatchers("/staff", "/staff/**").authenticated()
                        .anyRequest().denyAll())
                // the Camunda web apps send their own CSRF token on their API calls
                .csrf(csrf -> csrf.ignoringRequestMatchers("/camunda/api/**"))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        identity.configureWeb(http);
        return http.build();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new StaffUserArgumentResolver());
    }
}
