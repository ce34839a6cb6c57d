package nl.transparant.register;

import java.time.Duration;
import org.springframework.http.CacheControl;

/**
 * Cache rules for the public register. A published version never changes, so its address may be cached for a
 * year by anyone (a reverse proxy or CDN carries the public load); "the latest version" of an entry changes when
 * a new version is published, so it is cached for a minute and revalidated with its ETag after that.
 */
final class VersionCaching {

    static final Duration IMMUTABLE = Duration.ofDays(365);
    static final Duration LATEST = Duration.ofMinutes(1);

    private VersionCaching() {
    }

    /** Strong: a version's content is fixed, so its id and number identify the exact bytes of its JSON. */
    static String etag(PublishedEntry entry) {
        return "\"" + entry.getLars() + "-v" + entry.getVersionNumber() + "\"";
    }

    static CacheControl immutable() {
        return CacheControl.maxAge(IMMUTABLE).cachePublic().immutable();
    }

    static CacheControl latest() {
        return CacheControl.maxAge(LATEST).cachePublic();
    }
}
