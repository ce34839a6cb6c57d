package nl.transparant.identity;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
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
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.client.RestTemplate;

/**
 * Keycloak: the API takes bearer tokens (roles from {@code realm_access.roles}, organisations from the
 * {@code organization} claim), the pages sign in with OpenID Connect and PKCE as a public client.
 */
@Configuration
@ConditionalOnProperty(name = "transparant.identity.mode", havingValue = "keycloak")
class KeycloakIdentity implements IdentityMode {

    private static final Duration KEYCLOAK_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEYCLOAK_READ_TIMEOUT = Duration.ofSeconds(5);

    private final String issuer;
    private final String internalUrl;
    private final String audience;
    private final String clientId;

    KeycloakIdentity(@Value("${transparant.identity.keycloak.issuer}") String issuer,
            @Value("${transparant.identity.keycloak.internal-url:}") String internalUrl,
            @Value("${transparant.identity.keycloak.audience}") String audience,
            @Value("${transparant.identity.keycloak.client-id}") String clientId) {
        this.issuer = strip(issuer);
        this.internalUrl = internalUrl == null || internalUrl.isBlank() ? this.issuer : strip(internalUrl) + realmPath(this.issuer);
        this.audience = audience;
        this.clientId = clientId;
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
        SimpleClientHttpRequestFactory timeouts = new SimpleClientHttpRequestFactory();
        timeouts.setConnectTimeout(KEYCLOAK_CONNECT_TIMEOUT);
        timeouts.setReadTimeout(KEYCLOAK_READ_TIMEOUT);
        return new RestTemplate(timeouts);
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
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> authorities(CurrentStaff.rolesOf(jwt.getClaims())));
        converter.setPrincipalClaimName("preferred_username");
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
                                ProblemResponses.unavailable(response,
                                        "The sign-in service cannot be reached to check your token; try again shortly.");
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
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(staffFromAccessToken()))
                        .defaultSuccessUrl("/staff", false))
                .logout(logout -> logout.logoutSuccessHandler(logoutHandler));
    }

    @Override
    public String apiChallenge() {
        return "Bearer";
    }

    /**
     * Roles live in the access token, not the ID token: read the staff user from the access token the
     * login just obtained, checked with the same decoder as the API uses.
     */
    private OAuth2UserService<OidcUserRequest, OidcUser> staffFromAccessToken() {
        OidcUserService standard = new OidcUserService();
        JwtDecoder decoder = jwtDecoder();
        return request -> {
            OidcUser oidcUser = standard.loadUser(request);
            Jwt accessToken = decoder.decode(request.getAccessToken().getTokenValue());
            StaffUser staff = CurrentStaff.fromClaims(accessToken);
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
