package nl.transparant.nationalregister;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The national Algoritmeregister's delivery API for organisations ({@code /aanleverapi/v1_0}), its paths keyed by the
 * organisation's national id ({@code gm0637}), with a bearer token from the national Keycloak: the client-credentials
 * grant of a confidential client, or the password grant of a technical account (as the government's own governance tool
 * gets its tokens), renewed half-way through its life. Each method is one call of that API; what to call in which order
 * is {@link DeliveryWorker}'s business.
 */
class NationalRegisterClient {

    /** A call that did not succeed: the reason as the API or the network gave it. */
    static class DeliveryFailed extends RuntimeException {

        DeliveryFailed(String message) {
            super(message);
        }
    }

    private final NationalRegisterProperties properties;
    private final RestClient http;
    private String token;
    private Instant tokenRenewAfter = Instant.MIN;

    NationalRegisterClient(NationalRegisterProperties properties) {
        this.properties = properties;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
        factory.setReadTimeout(properties.timeout());
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /** POST /organizations/{org}/algorithms: a new entry there; answers the national register's id for it. */
    String create(String organisation, Map<String, Object> algorithm) {
        JsonNode answer = call("create", () -> http.post().uri(properties.endpoint() + "/organizations/{org}/algorithms", organisation)
                .header(HttpHeaders.AUTHORIZATION, bearer()).contentType(MediaType.APPLICATION_JSON).body(algorithm)
                .retrieve().body(JsonNode.class));
        String id = answer == null ? "" : answer.path("lars").asText("");
        if (id.isBlank()) {
            throw new DeliveryFailed("create: the answer holds no id (lars) of the new entry");
        }
        return id;
    }

    /** PUT /organizations/{org}/algorithms/{id}: the entry's fields there replaced by these. */
    void update(String organisation, String nationalId, Map<String, Object> algorithm) {
        call("update", () -> http.put().uri(properties.endpoint() + "/organizations/{org}/algorithms/{id}", organisation, nationalId)
                .header(HttpHeaders.AUTHORIZATION, bearer()).contentType(MediaType.APPLICATION_JSON).body(algorithm)
                .retrieve().toBodilessEntity());
    }

    /** PUT /organizations/{org}/algorithms/{id}/release: the entry's latest fields released for publication (state 1 → 2). */
    void release(String organisation, String nationalId) {
        call("release", () -> http.put().uri(properties.endpoint() + "/organizations/{org}/algorithms/{id}/release", organisation, nationalId)
                .header(HttpHeaders.AUTHORIZATION, bearer()).retrieve().toBodilessEntity());
    }

    /** PUT /organizations/{org}/algorithms/{id}/publish: the released fields made public there (state 2 → published). */
    void publish(String organisation, String nationalId) {
        call("publish", () -> http.put().uri(properties.endpoint() + "/organizations/{org}/algorithms/{id}/publish", organisation, nationalId)
                .header(HttpHeaders.AUTHORIZATION, bearer()).retrieve().toBodilessEntity());
    }

    /** DELETE /organizations/{org}/published-algorithms/{id}/retract: the entry no longer public there. */
    void retract(String organisation, String nationalId) {
        call("retract", () -> http.delete()
                .uri(properties.endpoint() + "/organizations/{org}/published-algorithms/{id}/retract", organisation, nationalId)
                .header(HttpHeaders.AUTHORIZATION, bearer()).retrieve().toBodilessEntity());
    }

    private synchronized String bearer() {
        if (token == null || Instant.now().isAfter(tokenRenewAfter)) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", properties.grant().formValue());
            form.add("client_id", properties.clientId());
            if (properties.clientSecret() != null && !properties.clientSecret().isBlank()) {
                form.add("client_secret", properties.clientSecret());
            }
            if (properties.grant() == NationalRegisterProperties.Grant.PASSWORD) {
                form.add("username", properties.username());
                form.add("password", properties.password());
            }
            JsonNode answer = call("token", () -> http.post().uri(properties.tokenUri()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form).retrieve().body(JsonNode.class));
            if (answer == null || answer.path("access_token").asText("").isBlank()) {
                throw new DeliveryFailed("token: Keycloak's answer holds no access_token");
            }
            token = answer.path("access_token").asText();
            // renewed half-way through its life, so a slow delivery never sends an expired token
            tokenRenewAfter = Instant.now().plusSeconds(Math.max(1, answer.path("expires_in").asLong(60) / 2));
        }
        return "Bearer " + token;
    }

    private interface Call<T> {
        T run();
    }

    private <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 401 && !"token".equals(what)) {
                forgetToken();
            }
            throw new DeliveryFailed(what + ": HTTP " + statusText(e.getStatusCode()) + " " + e.getResponseBodyAsString());
        } catch (RestClientException e) {
            throw new DeliveryFailed(what + ": " + e.getMostSpecificCause().getMessage());
        }
    }

    private synchronized void forgetToken() {
        token = null;
    }

    private static String statusText(HttpStatusCode status) {
        return String.valueOf(status.value());
    }
}
