package nl.transparant.nationalregister;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connector to the national Algoritmeregister's delivery API for organisations ({@code transparant.national-register.*}).
 * Off unless {@code enabled}; the secret comes from the environment ({@code TRANSPARANT_NATIONAL_REGISTER_CLIENT_SECRET}).
 *
 * @param endpoint      the delivery API's base URL, e.g. {@code https://…/aanleverapi/v1_0}
 * @param tokenUri      the national Keycloak's token endpoint
 * @param grant         how the token is asked for: {@code client-credentials} (a confidential client, the default) or
 *                      {@code password} (a technical account's {@code username} and {@code password}, with the client id
 *                      and, when the client is confidential, its secret)
 * @param organisationIds this register's organisation codes mapped to the national register's organisation ids, for an
 *                      organisation whose national id is not (yet) in its record here; the record's id counts otherwise
 * @param pollInterval  how often the outbox is looked at
 * @param retryDelay    the wait after a first failure; doubled after each further failure, up to {@code maxRetryDelay}
 */
@ConfigurationProperties("transparant.national-register")
record NationalRegisterProperties(boolean enabled, String endpoint, String tokenUri, Grant grant, String clientId, String clientSecret,
        String username, String password, Map<String, String> organisationIds, Duration pollInterval, Duration retryDelay,
        Duration maxRetryDelay, Duration timeout) {

    /** The OAuth 2 grant the connector's tokens come from. */
    enum Grant {
        CLIENT_CREDENTIALS("client_credentials"), PASSWORD("password");

        private final String formValue;

        Grant(String formValue) {
            this.formValue = formValue;
        }

        String formValue() {
            return formValue;
        }
    }

    NationalRegisterProperties {
        grant = grant == null ? Grant.CLIENT_CREDENTIALS : grant;
        organisationIds = organisationIds == null ? Map.of() : Map.copyOf(organisationIds);
        pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        retryDelay = retryDelay == null ? Duration.ofMinutes(1) : retryDelay;
        maxRetryDelay = maxRetryDelay == null ? Duration.ofHours(6) : maxRetryDelay;
        timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
    }

    java.util.Optional<String> configuredOrganisationId(String organisationCode) {
        return java.util.Optional.ofNullable(organisationIds.get(organisationCode));
    }

    /** Doubling from retryDelay with each failed attempt, never beyond maxRetryDelay. */
    Duration delayAfter(int failedAttempts) {
        Duration delay = retryDelay;
        for (int i = 1; i < failedAttempts && delay.compareTo(maxRetryDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
