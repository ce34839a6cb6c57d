package nl.transparant.requests;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.transparant.problems.BodyTooLargeException;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every body has a limit that fits its purpose, enforced before anything holds it in memory: a declared Content-Length
 * above it is refused at once, and a body of the API without one (chunked) or longer than it said is counted while it
 * is read and stops at the limit. Either way a 413 problem+json; nothing is stored. Elsewhere (the pages, the engine's
 * REST API) a form must declare its length (411 otherwise: the container reads forms itself, past any count), and any
 * other body without one is read here up to the limit first.
 */
final class BodySizeLimits extends OncePerRequestFilter {

    static final long IMPORT_BYTES = 64L * 1024 * 1024;
    static final long CASE_BYTES = 2L * 1024 * 1024;
    static final long DEFAULT_BYTES = 1024L * 1024;
    static final long PUBLIC_BYTES = 64L * 1024;
    /**
     * The measure form's body: a file of evidence may be 5 MB, but one of up to this size is still read (to disk, by the
     * container) so the service refuses it on the case page, with what was typed kept; refused here, before it is read,
     * the typed text was lost behind a bare 413 (outside tester).
     */
    static final long EVIDENCE_BYTES = 32L * 1024 * 1024;

    private record Limit(PathPattern path, long bytes) {
    }

    /** First match wins. */
    private static final List<Limit> LIMITS = List.of(
            // the national register's whole dump of an organisation (a few thousand entries of some kilobytes), streamed
            limit("/api/register/import", IMPORT_BYTES),
            // the organisations as a CSV file (the service refuses above 2 MB with its own message)
            limit("/api/admin/organisations/import", CASE_BYTES + 1),
            // the same dump uploaded through the administrators' page
            limit("/staff/register/import", IMPORT_BYTES),
            // the owner's form for a measure of the obligations checklist, with a file of evidence of at most 5 MB (a
            // larger one is refused by the service, on the page)
            limit("/staff/cases/*/obligations", EVIDENCE_BYTES),
            // the staff's other forms: a case's texts in two languages, a task's answers, a draft of them. Above this a
            // form is refused before it is read; Tomcat would otherwise drop its fields unread, and the missing CSRF
            // token made a too large draft a misleading 403 (outside test, 2026-12-06)
            limit("/staff/**", CASE_BYTES),
            // a case's register fields hold rich text (descriptions, explanations) in two languages
            limit("/api/cases/**", CASE_BYTES),
            // anonymous searches of the public API: a few filters and words
            limit("/api/algoritme/**", PUBLIC_BYTES),
            limit("/api/public/**", PUBLIC_BYTES),
            // the public's forms on the register's pages (a problem report): a few lines of text
            limit("/register/**", PUBLIC_BYTES),
            limit("/en/register/**", PUBLIC_BYTES),
            // a task's answers, a draft, a preview, a vote, and everything the engine's REST API takes
            limit("/**", DEFAULT_BYTES));

    private static Limit limit(String pattern, long bytes) {
        return new Limit(PathPatternParser.defaultInstance.parse(pattern), bytes);
    }

    static long limitFor(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return LIMITS.stream().filter(l -> l.path().matches(container)).findFirst().orElseThrow().bytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean chunked = request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null;
        if (request.getContentLengthLong() <= 0 && !chunked) {
            chain.doFilter(request, response); // no body: most requests, the public reads among them
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long limit = limitFor(path);
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        if (chunked && !path.startsWith("/api/")) {
            if (isForm(request)) {
                // a form's fields (and a multipart's parts) are read by the container itself, past any count here: a form
                // without its length would be read whatever its size, or its fields dropped unread (outside test,
                // 2026-12-06). Browsers always send the length of a form.
                RequestProblems.write(request, response, HttpServletResponse.SC_LENGTH_REQUIRED, "problem.title.lengthRequired",
                        "problem.request.lengthRequired");
                return;
            }
            // the engine's REST API and Cockpit's copy of it: their own error handling answered a body counted past the
            // limit with a 500, so the body (at most the limit, 1 MB) is read here first and handed on from memory
            byte[] body = readUpTo(request.getInputStream(), limit);
            if (body == null) {
                tooLarge(request, response, limit);
                return;
            }
            chain.doFilter(new Buffered(request, body), response);
            return;
        }
        try {
            chain.doFilter(new Counted(request, limit), response);
        } catch (BodyTooLargeException e) {
            // read outside the MVC handlers (a filter, a servlet of the engine): still a 413, if nothing was sent yet
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            tooLarge(request, response, limit);
        }
    }

    static void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        // the rest of the body is not read: the connection is closed after this answer rather than drained
        response.setHeader("Connection", "close");
        if (isPage(request)) {
            // a person's form in a browser: a page in their language, which says to go back to the form (the browser
            // keeps what was typed there), not a problem+json document shown as text
            RequestProblems.writePage(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        RequestProblems.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "problem.title.tooLarge",
                "problem.request.tooLarge", BodyTooLargeException.readable(limit));
    }

    /** A form of the pages sent by a browser: not the API, not the engine's REST API, and HTML accepted. */
    private static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String accept = request.getHeader("Accept");
        return (path.startsWith("/staff/") || path.startsWith("/register/") || path.startsWith("/en/register/") || path.equals("/login"))
                && accept != null && accept.contains("text/html");
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        String lower = type.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/");
    }

    /** The whole body, or null when it is longer than the limit (reading stops just past it). */
    private static byte[] readUpTo(java.io.InputStream in, long limit) throws IOException {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            read.write(buffer, 0, n);
            if (read.size() > limit) {
                return null;
            }
        }
        return read.toByteArray();
    }

    /** A request whose body was read already, handed on from memory with the length it turned out to have. */
    static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset;
            try {
                charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(encoding);
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    private static final class Counted extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset;
            try {
                charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(encoding);
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
