package nl.transparant.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Beyond the bodies parsed at once a request gets a 503 with Retry-After; reads are never held. */
class BodyConcurrencyLimitTest {

    @Test
    void aBodyBeyondTheLimitIsA503AndAReadPasses() throws Exception {
        BodyConcurrencyLimit limit = new BodyConcurrencyLimit(1, 1, Duration.ZERO);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
            MockHttpServletResponse response = new MockHttpServletResponse();
            try {
                limit.doFilter(new MockHttpServletRequest("POST", "/api/tasks/x/preview"), response, (request, ignored) -> {
                    inside.countDown();
                    try {
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return response.getStatus();
        });
        try {
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            MockHttpServletResponse second = new MockHttpServletResponse();
            limit.doFilter(new MockHttpServletRequest("PUT", "/api/cases/x"), second, (request, response) -> {
            });
            assertThat(second.getStatus()).isEqualTo(503);
            assertThat(second.getHeader("Retry-After")).isEqualTo("1");
            assertThat(second.getContentType()).startsWith("application/problem+json");

            // the public search and the import have pools of their own; a read passes untouched
            assertThat(pass(limit, "POST", "/api/algoritme/NLD")).isEqualTo(200);
            assertThat(pass(limit, "POST", "/api/register/import")).isEqualTo(200);
            assertThat(pass(limit, "GET", "/api/cases/x")).isEqualTo(200);
        } finally {
            release.countDown();
        }
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(pass(limit, "PUT", "/api/cases/x")).as("the permit is returned").isEqualTo(200);
    }

    private static int pass(BodyConcurrencyLimit limit, String method, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(new MockHttpServletRequest(method, path), response, (request, ignored) -> {
        });
        return response.getStatus();
    }
}
