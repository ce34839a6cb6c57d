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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.ProblemTexts;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A JSON body may not hold half a UTF-16 surrogate pair. UTF-8 cannot carry one (malformed UTF-8 is refused already),
 * but a {@code \uD800}–{@code \uDFFF} escape can, and Jackson reads it into a Java string that cannot be written as
 * UTF-8 again: stored, it broke every JSON answer and export that held it, and the decision log's canonical form made
 * it a '?'. So the escapes are checked while the body is read, for every JSON body of the API and the engine's REST
 * API whoever parses it; a high surrogate must be followed at once by the escape of a low one. A 400 problem+json;
 * nothing is stored.
 */
final class UnpairedSurrogateGuard extends OncePerRequestFilter {

    static final String DETAIL = "problem.request.surrogate";

    /** Thrown from the body's stream: an {@link InvalidInputException}, so whoever reads the body answers it as one. */
    static class UnpairedSurrogateException extends InvalidInputException {
        UnpairedSurrogateException() {
            this(DETAIL);
        }

        UnpairedSurrogateException(String detailKey) {
            super(ProblemTexts.text(detailKey, List.of(), ProblemTexts.DUTCH), detailKey, List.of(), List.of());
        }

        String detailKey() {
            return DETAIL;
        }
    }

    static final String CONTROL_DETAIL = "problem.request.controlCharacter";
    static final String NOT_UTF8_DETAIL = "problem.request.notUtf8";

    /** A JSON body in another encoding than UTF-8 (UTF-16, UTF-32): refused as a whole, whatever its content. */
    static final class NotUtf8Exception extends UnpairedSurrogateException {
        NotUtf8Exception() {
            super(NOT_UTF8_DETAIL);
        }

        @Override
        String detailKey() {
            return NOT_UTF8_DETAIL;
        }
    }

    /**
     * An escaped control character other than tab, line feed and carriage return ({@code \u0000}, {@code \u001b}, …):
     * no person types one, a NUL was kept in a draft's and a completion's answers (outside tester), and an export or a
     * PDF of the case cannot hold it. Refused like a broken surrogate pair.
     */
    static final class ControlCharacterException extends UnpairedSurrogateException {
        ControlCharacterException() {
            super(CONTROL_DETAIL);
        }

        @Override
        String detailKey() {
            return CONTROL_DETAIL;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(new Checked(request), response);
        } catch (UnpairedSurrogateException e) {
            // read outside the MVC handlers (the engine's REST API, a filter): still a 400, if nothing was sent yet
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            RequestProblems.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "problem.title.invalid", e.detailKey());
        }
    }

    private static final class Checked extends HttpServletRequestWrapper {

        private ServletInputStream stream;

        Checked(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CheckingStream(super.getInputStream());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            // JSON is UTF-8 (RFC 8259); the escapes are ASCII, so the check reads the bytes
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding()));
        }
    }

    /**
     * Follows the escapes byte by byte. Outside a string a backslash is no JSON at all (the parser refuses it), and a
     * UTF-8 multi-byte sequence never holds an ASCII byte, so neither needs to know where strings begin.
     */
    static final class SurrogateEscapes {

        private enum State { TEXT, ESCAPE, HEX }

        private State state = State.TEXT;
        private int value;
        private int digits;
        private boolean lowExpected;

        /** The byte before, for the two-byte UTF-8 form of a C1 control character (C2 80 to C2 9F). */
        private int previous = -1;

        /** @throws UnpairedSurrogateException at the byte where the pair is broken, or a control character is */
        void next(int b) {
            // a zero byte is no JSON text in UTF-8 (a NUL is written \u0000 inside a string); it is how UTF-16 and UTF-32
            // spell every ASCII character, which let an escaped NUL through a check of single bytes (outside tester).
            // JSON between systems is UTF-8 (RFC 8259, 8.1)
            if (b == 0) {
                throw new NotUtf8Exception();
            }
            // a C1 control character written as itself (U+0080 to U+009F: C2 80 to C2 9F in UTF-8)
            if (previous == 0xC2 && b >= 0x80 && b <= 0x9F) {
                throw new ControlCharacterException();
            }
            previous = b;
            switch (state) {
                case TEXT -> {
                    if (b == '\\') {
                        state = State.ESCAPE;
                    } else if (lowExpected) {
                        throw new UnpairedSurrogateException();
                    }
                }
                case ESCAPE -> {
                    if (b == 'u') {
                        state = State.HEX;
                        value = 0;
                        digits = 0;
                    } else if (lowExpected) {
                        throw new UnpairedSurrogateException();
                    } else {
                        state = State.TEXT;
                    }
                }
                case HEX -> {
                    int digit = Character.digit(b, 16);
                    if (digit < 0) {
                        // not an escape at all: the parser refuses it
                        lowExpected = false;
                        state = State.TEXT;
                        return;
                    }
                    value = value * 16 + digit;
                    if (++digits == 4) {
                        state = State.TEXT;
                        if (value < 0x20 && value != '\t' && value != '\n' && value != '\r' || value >= 0x7F && value <= 0x9F) {
                            throw new ControlCharacterException();
                        }
                        boolean high = value >= 0xD800 && value <= 0xDBFF;
                        boolean low = value >= 0xDC00 && value <= 0xDFFF;
                        if (lowExpected != low) {
                            throw new UnpairedSurrogateException();
                        }
                        lowExpected = high;
                    }
                }
            }
        }

        void end() {
            if (lowExpected) {
                throw new UnpairedSurrogateException();
            }
        }
    }

    private static final class CheckingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final SurrogateEscapes escapes = new SurrogateEscapes();

        CheckingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                escapes.end();
            } else {
                escapes.next(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                escapes.end();
            }
            for (int i = 0; i < n; i++) {
                escapes.next(buffer[offset + i] & 0xFF);
            }
            return n;
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
