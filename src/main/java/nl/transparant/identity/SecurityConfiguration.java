package nl.transparant.identity;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
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

    /**
     * Our pages load scripts, styles and images from this origin only, never inline: injected markup that got
     * past the input checks still cannot run. Presentation attributes of inline SVG are not CSS and stay allowed.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /**
     * A request the firewall refuses for its method (one outside the usual ones) as a 400 problem+json: it cannot reach
     * the error path, whose servlet serves only the usual methods, and the answer was an empty 400 (outside test,
     * 2026-12-06). The firewall's other refusals (an address with ; or //, encoded characters) still go to the error
     * path as before (a 400 sent as an error), which gives browsers the error page and other clients problem+json.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler rejectedRequests() {
        return (request, response, rejected) -> {
            if (!USUAL_METHODS.contains(request.getMethod())) {
                ProblemResponses.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "error.status.400", "error.status.400.text");
                return;
            }
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        };
    }

    private static final java.util.Set<String> USUAL_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /**
     * The public register's reads, on a lean path of their own: the answer is the same for everyone, so there is no
     * session to create or look up, no sign-in, no CSRF token and no saved request, only the anonymous caller and the
     * same headers as every page. Most of the app's traffic is these reads (issue 14), and a page that never touches a
     * session can also be kept by a shared cache. The report form ({@code /register/{lars}/melden}) stays on the web
     * chain: its form carries a CSRF token. A signed-in member of staff is anonymous here; public pages therefore
     * always show the public header, with a link to the staff pages (layout.html).
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicReads(HttpSecurity http) throws Exception {
        http.securityMatcher(publicReadPaths())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // the context lives for one request only (also for its error page), never in or from a session
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .sessionManagement(session -> session.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable())
                .headers(SecurityConfiguration::pageHeaders);
        return http.build();
    }

    /**
     * GET, HEAD and OPTIONS ({@link #READING}) of the register's pages, downloads and feed, the public APIs' reads and the static files; and the
     * national register API's search, a POST that only reads.
     */
    static RequestMatcher publicReadPaths() {
        List<RequestMatcher> reads = new ArrayList<>();
        reads.add(post("/api/algoritme/*"));
        for (HttpMethod method : READING) {
            for (String pattern : List.of("/register", "/register/**", "/en/register", "/en/register/**", "/api/public/**", "/api/algoritme/**", "/css/**",
                    "/js/**", "/images/**", "/favicon.ico")) {
                reads.add(PathPatternRequestMatcher.withDefaults().matcher(method, pattern));
            }
        }
        RequestMatcher reportForm = new OrRequestMatcher(path("/register/*/melden"), path("/register/*/melden/**"),
                path("/en/register/*/melden"), path("/en/register/*/melden/**"));
        return new AndRequestMatcher(new OrRequestMatcher(reads), new NegatedRequestMatcher(reportForm));
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http, IdentityMode identity) throws Exception {
        http.securityMatcher(new OrRequestMatcher(path("/api/**"), path("/engine-rest/**"), path("/actuator/**")))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        // UP or DOWN for load balancers and probes; the details only for an administrator (application.yml)
                        .requestMatchers(get("/actuator/health"), get("/actuator/health/**")).permitAll()
                        // the metrics name organisations' workload: administrators (and the scraper acting as one) only
                        .requestMatchers(get("/actuator/prometheus")).hasRole(ADMIN)
                        .requestMatchers(path("/api/public/**")).permitAll()
                        // the national register's public API: searching is a POST, and still only reads
                        .requestMatchers(get("/api/algoritme/**"), post("/api/algoritme/*")).permitAll()
                        .requestMatchers(path("/engine-rest/**")).hasRole(ADMIN)
                        // policy versions: reloading policies/ and reading which versions serve
                        .requestMatchers(path("/api/admin/**")).hasRole(ADMIN)
                        // auditors only, and only reading: any other method falls through to denyAll
                        .requestMatchers(get("/api/audit/**")).hasRole(Role.AUDITOR.roleName())
                        .requestMatchers(path("/api/cases/**"), path("/api/tasks/**")).authenticated()
                        // importing an organisation's entries: the service checks register-publisher of it, or admin
                        .requestMatchers(post("/api/register/import")).authenticated()
                        // the connector's outbox: the service checks register-publisher of the organisation, or admin
                        .requestMatchers(get("/api/register/deliveries"), post("/api/register/deliveries/*/retry"),
                                post("/api/register/entries/*/retract")).authenticated()
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
    SecurityFilterChain webSecurity(HttpSecurity http, IdentityMode identity, org.springframework.context.ApplicationContext context)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(read("/"), read("/register"), read("/register/**"), read("/en/register"), read("/en/register/**"),
                                read("/css/**"), read("/js/**"),
                                read("/images/**"), read("/favicon.ico"), read("/login"), read("/error"))
                        .permitAll()
                        // the OpenAPI description of the public API, and the page that browses it
                        .requestMatchers(get("/v3/api-docs"), get("/v3/api-docs/**"), get("/swagger-ui.html"), get("/swagger-ui/**"))
                        .permitAll()
                        // "report a problem" on a register entry: the public's one form
                        .requestMatchers(post("/register/*/melden"), post("/en/register/*/melden")).permitAll()
                        .requestMatchers(path("/login"), path("/logout"), path("/login/oauth2/**"), path("/oauth2/**")).permitAll()
                        .requestMatchers(path("/camunda/**")).hasRole(ADMIN)
                        .requestMatchers(path("/staff"), path("/staff/**")).authenticated()
                        // reading an address nothing serves: "not found" for everyone, in the language asked for
                        .requestMatchers(new UnservedPageAddress(() -> context.getBean("requestMappingHandlerMapping",
                                org.springframework.web.servlet.HandlerMapping.class))).permitAll()
                        .anyRequest().denyAll())
                // the Camunda web apps send their own CSRF token on their API calls
                .csrf(csrf -> csrf.ignoringRequestMatchers(path("/camunda/api/**")))
                .headers(SecurityConfiguration::pageHeaders);
        identity.configureWeb(http);
        return http.build();
    }

    /** The headers of every page, public or staff. */
    private static void pageHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers.frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                // the Camunda web apps send a policy of their own (with nonces for their scripts)
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        new NegatedRequestMatcher(path("/camunda/**")), PublicReadHeaders.PAGE_POLICY));
    }

    /**
     * Plain path patterns, not MVC matchers: the engine REST API and the Camunda web apps are served by
     * their own servlets, which an MVC matcher would not see (and so would not protect).
     */
    static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    /**
     * The methods that only read: GET, and what a client asks before or instead of it (HEAD: the headers only;
     * OPTIONS: which methods there are). Spring MVC answers the last two for every GET it serves; refusing them on a
     * public page sent link checkers and caches to the login page.
     */
    private static final List<HttpMethod> READING = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    static RequestMatcher read(String pattern) {
        return new OrRequestMatcher(READING.stream()
                .map(method -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(method, pattern)).toList());
    }

    static RequestMatcher get(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, pattern);
    }

    static RequestMatcher post(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, pattern);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new StaffUserArgumentResolver());
    }
}
