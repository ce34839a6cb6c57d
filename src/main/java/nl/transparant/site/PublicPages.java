package nl.transparant.site;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The public register's pages carry their language in the path: {@code /register/…} is always Dutch and
 * {@code /en/register/…} always English, whatever cookie or Accept-Language a visitor sends. One address is then one
 * page for every reader and every shared cache, with no {@code Vary: Cookie}. The staff pages keep the visitor's
 * choice in a cookie ({@link SiteLanguage}).
 * <p>
 * Only the pages listed here have an English address; the register's files and the feed keep theirs (they name
 * their language in the address already).
 */
public final class PublicPages {

    /** Where the English pages live: {@code /en} followed by the Dutch page's path. */
    public static final String ENGLISH_PREFIX = "/en";
    public static final String REGISTER = "/register";

    private static final UrlPathHelper URLS = new UrlPathHelper();
    private static final List<PathPattern> PAGES = List.of("/register", "/register/checkpoints", "/register/organisaties/{code}", "/register/{lars}",
            "/register/{lars}/versions/{version}", "/register/{lars}/melden", "/register/{lars}/melden/verzonden").stream()
            .map(PathPatternParser.defaultInstance::parse).toList();
    /** Addresses that {@code /register/{lars}} would match but that are no entry. */
    private static final Set<String> NOT_ENTRIES = Set.of("feed.atom", "checkpoints", "downloads");

    private PublicPages() {
    }

    /** The register's overview in the language of the page that links to it; every link to a public page starts here. */
    public static String register(Locale language) {
        return english(language) ? ENGLISH_PREFIX + REGISTER : REGISTER;
    }

    /** The path of a public page in a language, from its Dutch path ({@code /register/…}). */
    public static String in(Locale language, String dutchPath) {
        return english(language) ? ENGLISH_PREFIX + dutchPath : dutchPath;
    }

    /**
     * The language a path names, or null when the path names none (a staff page, or anything outside the public
     * pages). Dutch for a public page's own path, English for the same path under {@code /en}.
     */
    static Locale languageOf(String path) {
        if (path.startsWith(ENGLISH_PREFIX + REGISTER)) {
            return isPage(path.substring(ENGLISH_PREFIX.length())) ? Locale.ENGLISH : null;
        }
        return path.startsWith(REGISTER) && isPage(path) ? SiteLanguage.DUTCH : null;
    }

    /** The Dutch path of a public page (its path without {@code /en}), or null when the path is no public page. */
    static String dutchPath(String path) {
        Locale language = languageOf(path);
        if (language == null) {
            return null;
        }
        return Locale.ENGLISH.equals(language) ? path.substring(ENGLISH_PREFIX.length()) : path;
    }

    private static boolean isPage(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (PathPattern page : PAGES) {
            var match = page.matchAndExtract(container);
            if (match != null) {
                String lars = match.getUriVariables().get("lars");
                // the checkpoint page is listed before the entries, so an entry named like it is never one of them
                return lars == null || !NOT_ENTRIES.contains(lars);
            }
        }
        return false;
    }

    /** The path the visitor asked for, also while the error page for it is rendered. */
    static String requestedPath(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (request.getDispatcherType() == DispatcherType.ERROR && original instanceof String uri) {
            String context = request.getContextPath();
            return uri.startsWith(context) ? uri.substring(context.length()) : uri;
        }
        return URLS.getPathWithinApplication(request);
    }

    private static boolean english(Locale language) {
        return language != null && Locale.ENGLISH.getLanguage().equals(language.getLanguage());
    }
}
