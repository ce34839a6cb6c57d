package nl.transparant.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * The security headers of a public read, for an answer sent before Spring Security's filters run (the register's
 * prepared reads, see {@code register.PublicReadsFront}): the same writers, with the same settings, as the public
 * chain's header filter ({@link SecurityConfiguration#publicReads}); Spring's Cache-Control writer only where the answer
 * sets none of its own ({@link #writeNotStored}), as that writer does. {@code PublicReadsFrontTest} compares both paths'
 * headers for the same entry and search.
 */
public final class PublicReadHeaders {

    static final ContentSecurityPolicyHeaderWriter PAGE_POLICY = new ContentSecurityPolicyHeaderWriter(SecurityConfiguration.PAGE_POLICY);

    // Spring Security's defaults (HSTS only on a secure request), then the frame, referrer and content policies of every page
    private static final List<HeaderWriter> WRITERS = List.of(new XContentTypeOptionsHeaderWriter(), new XXssProtectionHeaderWriter(),
            new HstsHeaderWriter(), new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
            new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN),
            PAGE_POLICY);

    private PublicReadHeaders() {
    }

    private static final HeaderWriter NOT_STORED = new CacheControlHeadersWriter();

    /** The headers of a public read that sets its own Cache-Control. */
    public static void write(HttpServletRequest request, HttpServletResponse response) {
        for (HeaderWriter writer : WRITERS) {
            writer.writeHeaders(request, response);
        }
    }

    /** The same, for an answer no cache may keep (a search): Spring Security's Cache-Control, Pragma and Expires too. */
    public static void writeNotStored(HttpServletRequest request, HttpServletResponse response) {
        write(request, response);
        NOT_STORED.writeHeaders(request, response);
    }
}
