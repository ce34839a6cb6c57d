package nl.transparant.requests;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How many requests with a body are parsed at once. Within their size limits, many large bodies at once still take
 * every core and the database connections, and the public register's readers wait behind them; beyond these few at a
 * time a request waits a moment for its turn (first come, first served), then gets a 503 with Retry-After. Reads are never held. Imports have a
 * pool of their own and do not wait: one runs for minutes.
 */
final class BodyConcurrencyLimit extends OncePerRequestFilter {

    private static final Set<String> WRITING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Semaphore imports;
    private final Semaphore publicSearches;
    private final Semaphore staffWrites;
    private final Duration wait;

    BodyConcurrencyLimit(int imports, int others, Duration wait) {
        this.imports = new Semaphore(imports);
        // in turn: an unfair semaphore lets a newcomer take a freed place before those already waiting, so under load
        // some searches waited ten times as long as most (p50 8 ms, p99 117 ms at 64 connections; issue 14)
        this.publicSearches = new Semaphore(others, true);
        this.staffWrites = new Semaphore(others, true);
        this.wait = wait;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITING.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean isImport = path.equals("/api/register/import");
        Semaphore pool = isImport ? imports
                : path.startsWith("/api/algoritme/") || path.startsWith("/api/public/") ? publicSearches : staffWrites;
        if (!acquire(pool, isImport ? Duration.ZERO : wait)) {
            response.setHeader("Retry-After", isImport ? "60" : "1");
            RequestProblems.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "problem.title.unavailable",
                    isImport ? "problem.request.importsBusy" : "problem.request.busy");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            pool.release();
        }
    }

    private static boolean acquire(Semaphore pool, Duration wait) {
        try {
            return pool.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
