package nl.transparant.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * While the database is unreachable a request gets a 503 that says whether anything it sent was stored: nothing, as a
 * rule; but when one of its changes committed before the database went away (a release stored, its publication and
 * the answer's read then failing), it says so, and not to send it again (outside tester: told "nothing stored", the
 * publisher sent the release again and was refused as having completed it).
 */
class DatabaseUnreachableAnswersTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler(messages());

    @Test
    void nothingStoredIsSaidOnlyWhenNothingWasStored() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/tasks/t/complete");
        ResponseEntity<ProblemDetail> nothingStored = handler.unexpected(new CannotCreateTransactionException("database away"), request);
        assertThat(nothingStored.getStatusCode().value()).isEqualTo(503);
        assertThat(nothingStored.getHeaders().getFirst("Retry-After")).isEqualTo(DatabaseFaults.RETRY_AFTER_SECONDS);
        assertThat(nothingStored.getBody().getDetail()).contains("Er is niets van wat u stuurde opgeslagen");

        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            CommittedChanges.noteCommitUnknown();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        assertThat(handler.unexpected(new CannotCreateTransactionException("database away"), request).getBody().getDetail())
                .as("a commit lost on the way").contains("het kan zijn opgeslagen").contains("voordat u het opnieuw stuurt");

        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            CommittedChanges.noteCommitted();
            CommittedChanges.noteCommitUnknown();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        ResponseEntity<ProblemDetail> stored = handler.unexpected(new CannotCreateTransactionException("database away"), request);
        assertThat(stored.getStatusCode().value()).isEqualTo(503);
        assertThat(stored.getBody().getDetail()).contains("Wat u stuurde is wel opgeslagen").contains("stuur het niet opnieuw")
                .doesNotContain("niets");

        request.addHeader("Accept-Language", "en");
        assertThat(handler.unexpected(new CannotCreateTransactionException("database away"), request).getBody().getDetail())
                .startsWith("The database cannot be reached at the moment. What you sent was stored");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
