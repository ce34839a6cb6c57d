package nl.transparant.identity;

import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/** The embedded quick start: the demo accounts sign in with a form (pages) or HTTP Basic (API). */
@Configuration
@ConditionalOnProperty(name = "transparant.identity.mode", havingValue = "local", matchIfMissing = true)
class LocalIdentity implements IdentityMode {

    private final LoginThrottle loginThrottle;

    LocalIdentity(LoginThrottle loginThrottle) {
        this.loginThrottle = loginThrottle;
    }

    @Bean
    UserDetailsService demoAccounts() {
        return username -> DemoAccount.ALL_ACCOUNTS.stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .map(a -> (org.springframework.security.core.userdetails.UserDetails) a)
                .orElseThrow(() -> new UsernameNotFoundException("No demo account " + Optional.ofNullable(username).orElse("")));
    }

    @Override
    public void configureApi(HttpSecurity http) throws Exception {
        http.httpBasic(basic -> basic.authenticationEntryPoint(ProblemResponses.unauthorized(apiChallenge())))
                .addFilterBefore(loginThrottle.filter(true), BasicAuthenticationFilter.class);
    }

    @Override
    public void configureWeb(HttpSecurity http) throws Exception {
        http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/staff", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/"))
                .addFilterBefore(loginThrottle.filter(false), UsernamePasswordAuthenticationFilter.class);
    }

    /**
     * None: a {@code WWW-Authenticate: Basic} makes a browser ask for the password and then send it along with every
     * request to this host, also those that pages of other sites make it send (cross-site request forgery against a
     * signed-in administrator). API clients send Basic credentials without being asked ({@code curl -u}); a browser
     * gets a plain 401 problem+json and never keeps any.
     */
    @Override
    public Optional<String> apiChallenge() {
        return Optional.empty();
    }
}
