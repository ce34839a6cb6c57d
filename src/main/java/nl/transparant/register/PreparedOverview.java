package nl.transparant.register;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import nl.transparant.site.PublicPages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * The register's overview page as most visitors see it (no search, no filter, the first page in the default order),
 * rendered once per language and register generation and then sent as bytes: the page is the register's front door,
 * and rendering it means a search over every entry, the filters' choices and a full template for each request.
 * <p>
 * Keyed on the generation ({@link RegisterReads}), so a publication, change or retirement (on this node at once, on
 * another within the read check interval) gives a new page. The filters also list the organisations, which change
 * without a new generation: a page is therefore rendered again at the latest after {@link #MAX_AGE}, the time a shared
 * cache may keep it anyway ({@link VersionCaching#LATEST}). The ETag is over the bytes, as {@link RegisterPageEtags}
 * computes it for the other pages, so a page rendered again with the same content keeps its validator.
 */
@Component
class PreparedOverview {

    static final Duration MAX_AGE = VersionCaching.LATEST;

    /** One language's page, and what it was rendered from. */
    record Page(RegisterReads.Generation generation, Instant renderedAt, String etag, byte[] body) {
    }

    private final RegisterReads reads;
    private final Clock clock;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = Map.of("nl", new Object(), "en", new Object());

    @Autowired
    PreparedOverview(RegisterReads reads) {
        this(reads, Clock.systemUTC());
    }

    PreparedOverview(RegisterReads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    /**
     * Whether the request asks for the page as prepared: the overview's own address in either language, with no
     * parameter at all (any search, filter, order or page number is rendered for the request as before).
     */
    static boolean serves(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the parameters rather than the query string: they are what the handler reads
        return (path.equals(PublicPages.REGISTER) || path.equals(PublicPages.ENGLISH_PREFIX + PublicPages.REGISTER))
                && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) && request.getParameterMap().isEmpty();
    }

    /**
     * The page in a language, rendered by {@code render} when the register has moved on since the last rendering (or
     * the last is older than {@link #MAX_AGE}). One request renders while the others wait for it: they would all
     * render the same page.
     */
    Page page(Locale language, Supplier<byte[]> render) {
        String key = Locale.ENGLISH.getLanguage().equals(language.getLanguage()) ? "en" : "nl";
        // read before rendering: what is rendered is then at least as new as the generation it is filed under
        RegisterReads.Generation now = reads.generation();
        Page page = pages.get(key);
        if (fresh(page, now)) {
            return page;
        }
        synchronized (locks.get(key)) {
            page = pages.get(key);
            if (fresh(page, now)) {
                return page;
            }
            byte[] body = render.get();
            page = new Page(now, clock.instant(), etag(body), body);
            pages.put(key, page);
            return page;
        }
    }

    private boolean fresh(Page page, RegisterReads.Generation now) {
        return page != null && page.generation().equals(now) && clock.instant().isBefore(page.renderedAt().plus(MAX_AGE));
    }

    /** The same strong validator {@link org.springframework.web.filter.ShallowEtagHeaderFilter} gives the same bytes. */
    private static String etag(byte[] body) {
        return "\"0" + DigestUtils.md5DigestAsHex(body) + "\"";
    }
}
