package nl.transparant.identity;

import java.util.Optional;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * How staff sign in: local demo accounts for the embedded quick start, or Keycloak in production.
 * Both produce the same {@link StaffUser}, so nothing else in the application knows which one runs.
 */
interface IdentityMode {

    /** Staff API: stateless, one request one credential. */
    void configureApi(HttpSecurity http) throws Exception;

    /** Browser pages: a session after signing in. */
    void configureWeb(HttpSecurity http) throws Exception;

    /** The challenge a client gets with a 401 ("Bearer"), or none. */
    Optional<String> apiChallenge();
}
