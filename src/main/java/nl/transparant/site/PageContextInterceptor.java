package nl.transparant.site;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import nl.transparant.identity.CurrentStaff;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Puts the {@link PageContext} on the request before the handler runs. A request attribute rather than a
 * model attribute, because pages rendered for an exception never see the handler's model.
 */
class PageContextInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Locale locale = SiteLanguage.supported(RequestContextUtils.getLocale(request));
        Locale other = "en".equals(locale.getLanguage()) ? SiteLanguage.DUTCH : Locale.ENGLISH;
        String path = PublicPages.requestedPath(request);
        String dutchPath = PublicPages.dutchPath(path);
        boolean read = SiteLanguage.read(request) && request.getDispatcherType() != DispatcherType.ERROR;
        String url = read && dutchPath != null ? withQuery(request, path, null) : null;
        request.setAttribute(PageContext.ATTRIBUTE, new PageContext(locale.getLanguage(), other.getLanguage(),
                read ? switchUrl(request, path, dutchPath, other) : null, section(path), CurrentStaff.current().orElse(null),
                PublicPages.register(locale), url));
        return true;
    }

    /**
     * The same address with only the language changed; a form post has no address worth repeating. A public page's
     * other language is another path; a staff page's is the same path with {@code ?lang}.
     */
    private static String switchUrl(HttpServletRequest request, String path, String dutchPath, Locale language) {
        if (dutchPath != null) {
            return withQuery(request, PublicPages.in(language, dutchPath), null);
        }
        return withQuery(request, path, language.getLanguage());
    }

    private static String withQuery(HttpServletRequest request, String path, String language) {
        return Addresses.of(path, request.getParameterMap(), SiteLanguage.PARAMETER, language == null ? null : SiteLanguage.PARAMETER, language);
    }

    private static String section(String path) {
        if (path.startsWith("/register") || path.startsWith(PublicPages.ENGLISH_PREFIX + "/register")) {
            return "register";
        }
        if (path.startsWith("/staff")) {
            return "staff";
        }
        return path.startsWith("/login") ? "login" : "";
    }
}
