package nl.transparant.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.transparant.identity.DemoAccount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Proves keycloak/realm.json against a real Keycloak: every demo user gets a token with the roles,
 * organisations, audience and issuer the application relies on.
 */
class KeycloakRealmIT {

    private static final Set<String> APPLICATION_ROLES = Set.of(
            "project-owner", "privacy-officer", "ethics-committee", "register-publisher", "auditor", "admin");
    private static final Set<String> ALL_ORGANIZATIONS = Set.of("zoetermeer", "nissewaard", "capelle", "bar", "mrdh");
    private static final String API_AUDIENCE = "transparant-api";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static KeycloakTestServer keycloak;

    @BeforeAll
    static void startKeycloak() {
        keycloak = KeycloakTestServer.get();
    }

    /** The realm's users are the local demo accounts: same usernames, roles and organisations in both set-ups. */
    static Stream<Arguments> demoUsers() {
        return DemoAccount.ALL_ACCOUNTS.stream()
                .map(a -> arguments(a.username(), a.staffUser().roleNames(), a.organisations()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoUsers")
    void accessTokenCarriesIdentityRolesOrganizationsAudienceAndIssuer(
            String username, Set<String> roles, Set<String> organizations) {
        JsonNode claims = payload(keycloak.accessToken(username));

        assertThat(claims.path("preferred_username").asText()).isEqualTo(username);
        assertThat(applicationRoles(claims)).isEqualTo(roles);
        assertThat(claims.path("organization").isArray()).as("organization is a JSON array").isTrue();
        assertThat(strings(claims.path("organization"))).isEqualTo(organizations);
        assertThat(strings(claims.path("aud"))).contains(API_AUDIENCE);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuerUri());
        assertThat(claims.path("sub").asText()).isNotBlank();
    }

    @Test
    void idTokenAndUserinfoCarryAllOrganizationsOfAMultiOrganizationUser() throws Exception {
        JsonNode tokens = passwordGrant("transparant-tests", "auditor-regional");
        JsonNode idToken = payload(tokens.path("id_token").asText());
        assertThat(strings(idToken.path("organization"))).isEqualTo(ALL_ORGANIZATIONS);
        assertThat(strings(idToken.path("aud"))).contains(API_AUDIENCE);

        HttpResponse<String> userinfo = HTTP.send(HttpRequest.newBuilder(
                                URI.create(keycloak.issuerUri() + "/protocol/openid-connect/userinfo"))
                        .header("Authorization", "Bearer " + keycloak.accessToken("auditor-regional"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(userinfo.statusCode()).isEqualTo(200);
        assertThat(strings(JSON.readTree(userinfo.body()).path("organization"))).isEqualTo(ALL_ORGANIZATIONS);
    }

    @Test
    void webClientRefusesThePasswordGrant() throws Exception {
        HttpResponse<String> response = tokenRequest("transparant-web", "owner-zoetermeer");
        assertThat(response.statusCode()).isBetween(400, 401);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("unauthorized_client");
    }

    @Test
    void webClientRequiresPkce() throws Exception {
        String authorize = keycloak.issuerUri() + "/protocol/openid-connect/auth"
                + "?client_id=transparant-web&response_type=code&scope=openid"
                + "&redirect_uri=http://localhost:8080/login/oauth2/code/keycloak";

        HttpResponse<Void> withoutChallenge = HTTP.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(withoutChallenge.statusCode()).isEqualTo(302);
        assertThat(withoutChallenge.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("error=invalid_request"));

        HttpResponse<Void> withChallenge = HTTP.send(HttpRequest.newBuilder(URI.create(authorize
                        + "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGjSstw-cM"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(withChallenge.statusCode()).as("login page").isEqualTo(200);
    }

    private static JsonNode passwordGrant(String clientId, String username) throws Exception {
        HttpResponse<String> response = tokenRequest(clientId, username);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> tokenRequest(String clientId, String username)
            throws IOException, InterruptedException {
        String form = "grant_type=password&scope=openid&client_id=" + clientId
                + "&username=" + username + "&password=" + KeycloakTestServer.PASSWORD;
        return HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.issuerUri() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.");
        assertThat(parts).as("a signed JWT has three parts").hasSize(3);
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("JWT payload is not JSON", e);
        }
    }

    private static Set<String> applicationRoles(JsonNode claims) {
        Set<String> roles = strings(claims.path("realm_access").path("roles"));
        roles.retainAll(APPLICATION_ROLES);
        return roles;
    }

    /** A claim that may be a single string (Keycloak writes a one-element aud that way) or an array. */
    private static Set<String> strings(JsonNode claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim.isArray()) {
            claim.forEach(value -> values.add(value.asText()));
        } else if (claim.isTextual()) {
            values.add(claim.asText());
        }
        return values;
    }
}
