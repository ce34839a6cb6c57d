package nl.transparant.register;

import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Component;

/**
 * The public addresses whose answer is a published entry's prepared bytes, each defined once: which bytes (the
 * representation and its ETag) and how long anyone may keep them. The controllers serve them with the rest of the
 * API ({@link AlgoritmeApi}, {@link PublicRegisterApi}); {@link PublicReadsFront} serves the same answers for their
 * plain addresses before the application's web stack, so the two can never differ in what they send.
 */
@Component
class PreparedAnswers {

    /** What is sent: the prepared bytes and the Cache-Control that goes with them. */
    record Answer(RegisterReads.Prepared prepared, CacheControl caching) {
    }

    private final RegisterReads reads;

    PreparedAnswers(RegisterReads reads) {
        this.reads = reads;
    }

    /** {@code /api/algoritme/{NLD|ENG}/{lars}}: the latest version as the national register's API gives it. */
    Optional<Answer> algoritmeEntry(String lars, boolean english) {
        return reads.latest(lars, english ? "eng" : "nld", VersionCaching::etag,
                        e -> english ? e.fieldsIn(Locale.ENGLISH) : e.getFields())
                .map(p -> new Answer(p, VersionCaching.latest()));
    }

    /** {@code /api/public/algorithms/{lars}}: the latest version in this API's envelope. */
    Optional<Answer> latest(String lars) {
        return reads.latest(lars, "api", PublicRegisterApi::etag, PublicRegisterApi::entry)
                .map(p -> new Answer(p, VersionCaching.latest()));
    }

    /** {@code /api/public/algorithms/{lars}/versions/{version}}: a version never changes, so anyone may keep it a year. */
    Optional<Answer> version(String lars, int version) {
        return reads.version(lars, version, "api", PublicRegisterApi::etag, PublicRegisterApi::entry)
                .map(p -> new Answer(p, VersionCaching.immutable()));
    }

    /**
     * Whether If-None-Match names what is there (RFC 9110, 13.1.2): "*" (any current representation) or a listed tag
     * equal to the current one under weak comparison. Spring's {@code checkNotModified} does not count "*" on a GET, so
     * both paths use this one.
     */
    static boolean notModified(Enumeration<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = opaque(etag);
        while (ifNoneMatch.hasMoreElements()) {
            for (String tag : ifNoneMatch.nextElement().split(",")) {
                String t = tag.strip();
                if (t.equals("*") || (!t.isEmpty() && opaque(t).equals(opaque))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

}
