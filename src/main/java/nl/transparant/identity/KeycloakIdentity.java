package nl.transparant.identity;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Keycloak: the API takes bearer tokens (roles from {@code realm_access.roles}, organisations from the
 * {@code organization} claim, each value an organisation's code or national id), the pages sign in with OpenID Connect and PKCE as a public client.
 */
@Configuration
@ConditionalOnProperty(name = "transparant.identity.mode", havingValue = "keycloak")
class KeycloakIdentity implements IdentityMode {

    private static final Logger log = LoggerFactory.getLogger(KeycloakIdentity.class);
    private static final Duration KEYCLOAK_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEYCLOAK_READ_TIMEOUT = Duration.ofSeconds(5);

    private final String issuer;
    private final String internalUrl;
    private final String audience;
    private final String clientId;
    private final OrganisationClaims organisationClaims;
    private final PeopleNames people;

    KeycloakIdentity(@Value("${transparant.identity.keycloak.issuer}") String issuer,
            @Value("${transparant.identity.keycloak.internal-url:}") String internalUrl,
            @Value("${transparant.identity.keycloak.audience}") String audience,
            @Value("${transparant.identity.keycloak.client-id}") String clientId,
            OrganisationClaims organisationClaims, PeopleNames people) {
        this.issuer = strip(issuer);
        this.internalUrl = internalUrl == null || internalUrl.isBlank() ? this.issuer : strip(internalUrl) + realmPath(this.issuer);
        this.audience = audience;
        this.clientId = clientId;
        this.organisationClaims = organisationClaims;
        this.people = people;
    }

    @Bean
    JwtDecoder jwtDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(internalUrl + "/protocol/openid-connect/certs")
                .restOperations(keycloakClient())
                .build();
        OAuth2TokenValidator<Jwt> audienceValidator = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token is not meant for this API", null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), audienceValidator));
        return decoder;
    }

    /**
     * Keycloak's signing keys are fetched with short timeouts: while Keycloak is away a staff request gets a quick
     * 503 (see {@link #configureApi}) instead of waiting for the operating system to give up on the connection.
     */
    private static RestTemplate keycloakClient() {
        return new RestTemplate(timeouts());
    }

    private static SimpleClientHttpRequestFactory timeouts() {
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(KEYCLOAK_CONNECT_TIMEOUT);
        timeouts.setReadTimeout(KEYCLOAK_READ_TIMEOUT);
        return timeouts;
    }

    /**
     * The signing in of the pages talks to Keycloak twice more (the code exchanged for tokens, the keys that check the
     * ID token); both with the same short timeouts, so that a Keycloak that hangs sends the
     * visitor back to the sign-in page with an error within seconds instead of holding the request.
     */
    private static RestClientAuthorizationCodeTokenResponseClient tokenClient() {
        RestClientAuthorizationCodeTokenResponseClient tokens = new RestClientAuthorizationCodeTokenResponseClient();
        tokens.setRestClient(RestClient.builder()
                .requestFactory(timeouts())
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return tokens;
    }

    /** Checks the ID token of a sign-in as the standard factory does, with keys fetched under the short timeouts. */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoders() {
        return registration -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                    .restOperations(keycloakClient())
                    .build();
            decoder.setJwtValidator(new OidcIdTokenValidator(registration));
            decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
            return decoder;
        };
    }

    @Bean
    ClientRegistrationRepository clientRegistrations() {
        ClientRegistration keycloak = ClientRegistration.withRegistrationId("keycloak")
                .clientId(clientId)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile", "email")
                .authorizationUri(issuer + "/protocol/openid-connect/auth")
                .tokenUri(internalUrl + "/protocol/openid-connect/token")
                .jwkSetUri(internalUrl + "/protocol/openid-connect/certs")
                .userInfoUri(internalUrl + "/protocol/openid-connect/userinfo")
                .userNameAttributeName("preferred_username")
                .issuerUri(issuer)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", issuer + "/protocol/openid-connect/logout"))
                .clientName("Keycloak")
                .build();
        return new InMemoryClientRegistrationRepository(keycloak);
    }

    @Override
    public void configureApi(HttpSecurity http) throws Exception {
        // the staff user is made once per request, with the organisation claim matched to organisations (code or national id)
        Converter<Jwt, AbstractAuthenticationToken> converter = jwt -> {
            StaffUser staff = CurrentStaff.fromClaims(jwt, organisationClaims);
            people.seen(staff);
            return new StaffJwtAuthentication(jwt, authorities(staff.roles()), staff);
        };
        AuthenticationEntryPoint unauthorized = ProblemResponses.unauthorized(apiChallenge());
        http.oauth2ResourceServer(server -> server
                .jwt(jwt -> jwt.decoder(jwtDecoder()).jwtAuthenticationConverter(converter))
                .authenticationEntryPoint(unauthorized)
                // a token that could not be checked because Keycloak's keys are out of reach is no bad token:
                // 503 "try again" instead of a 401, and instead of the 500 Spring Security would let escape
                .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                    @Override
                    public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                        filter.setAuthenticationFailureHandler((request, response, failure) -> {
                            if (failure instanceof AuthenticationServiceException) {
                                ProblemResponses.unavailable(request, response, "problem.auth.serviceUnreachable");
                            } else {
                                unauthorized.commence(request, response, failure);
                            }
                        });
                        return filter;
                    }
                }));
    }

    @Override
    public void configureWeb(HttpSecurity http) throws Exception {
        ClientRegistrationRepository registrations = clientRegistrations();
        OidcClientInitiatedLogoutSuccessHandler logoutHandler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logoutHandler.setPostLogoutRedirectUri("{baseUrl}/");
        http.oauth2Login(login -> login
                        .loginPage("/login")
                        .clientRegistrationRepository(registrations)
                        .tokenEndpoint(token -> token.accessTokenResponseClient(tokenClient()))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(staffFromAccessToken()))
                        .defaultSuccessUrl("/staff", false)
                        .failureHandler(signInFailed()))
                .logout(logout -> logout.logoutSuccessHandler(logoutHandler));
    }

    /**
     * A sign-in that failed after Keycloak sent the person back (the code could not be exchanged, Keycloak did not answer,
     * the ID token did not check out): back to the sign-in page with its error, and the reason in the log for the
     * operator, since the page does not say it.
     */
    private static AuthenticationFailureHandler signInFailed() {
        SimpleUrlAuthenticationFailureHandler toSignInPage = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, failure) -> {
            log.warn("Sign-in through Keycloak failed: {}", failure.getMessage());
            toSignInPage.onAuthenticationFailure(request, response, failure);
        };
    }

    @Override
    public Optional<String> apiChallenge() {
        return Optional.of("Bearer");
    }

    /**
     * Roles live in the access token, not the ID token: read the staff user from the access token the
     * login just obtained, checked with the same decoder as the API uses.
     */
    private OAuth2UserService<OidcUserRequest, OidcUser> staffFromAccessToken() {
        OidcUserService standard = new OidcUserService();
        // everything the application uses is in the ID and access tokens: asking Keycloak's user info endpoint as
        // well would be one more call per sign-in to fail or hang, and Keycloak refuses it when the application
        // reaches it by another address than the browser (its internal URL) unless its hostname is fixed
        standard.setRetrieveUserInfo(request -> false);
        JwtDecoder decoder = jwtDecoder();
        return request -> {
            OidcUser oidcUser = standard.loadUser(request);
            Jwt accessToken = decoder.decode(request.getAccessToken().getTokenValue());
            StaffUser staff = CurrentStaff.fromClaims(accessToken, organisationClaims);
            people.seen(staff);
            return new StaffOidcUser(authorities(staff.roles()), oidcUser, staff);
        };
    }

    private static Collection<GrantedAuthority> authorities(Set<Role> roles) {
        return List.copyOf(roles.stream().map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList());
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String realmPath(String issuer) {
        int realms = issuer.indexOf("/realms/");
        return realms < 0 ? "" : issuer.substring(realms);
    }

    static final class StaffJwtAuthentication extends JwtAuthenticationToken implements StaffPrincipal {

        private final transient StaffUser staff;

        StaffJwtAuthentication(Jwt jwt, Collection<GrantedAuthority> authorities, StaffUser staff) {
            super(jwt, authorities, staff.id());
            this.staff = staff;
        }

        @Override
        public StaffUser staffUser() {
            return staff;
        }
    }

    static final class StaffOidcUser extends DefaultOidcUser implements StaffPrincipal {

        private final StaffUser staff;

        StaffOidcUser(Collection<GrantedAuthority> authorities, OidcUser user, StaffUser staff) {
            super(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
            this.staff = staff;
        }

        @Override
        public StaffUser staffUser() {
            return staff;
        }
    }
}
