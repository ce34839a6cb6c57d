package nl.transparant.site;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import nl.transparant.identity.CurrentStaff;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UrlPathHelper;

/**
 * Puts the {@link PageContext} on the request before the handler runs. A request attribute rather than a
 * model attribute, because pages rendered for an exception never see the handler's model.
 */
class PageContextInterceptor implements HandlerInterceptor {

    private static final UrlPathHelper PATHS = new UrlPathHelper();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Locale locale = SiteLanguage.supported(RequestContextUtils.getLocale(request));
        String other = "en".equals(locale.getLanguage()) ? "nl" : "en";
        String path = originalPath(request);
        request.setAttribute(PageContext.ATTRIBUTE, new PageContext(locale.getLanguage(), other,
                switchUrl(request, path, other), section(path), CurrentStaff.current().orElse(null)));
        return true;
    }

    /** The same address with only the language changed; a form post has no address worth repeating. */
    private static String switchUrl(HttpServletRequest request, String path, String language) {
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read || request.getDispatcherType() == DispatcherType.ERROR) {
            return null;
        }
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
        request.getParameterMap().forEach((name, values) -> {
            if (!SiteLanguage.PARAMETER.equals(name)) {
                url.queryParam(name, (Object[]) values);
            }
        });
        return url.queryParam(SiteLanguage.PARAMETER, language).encode().build().toUriString();
    }

    private static String originalPath(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (request.getDispatcherType() == DispatcherType.ERROR && original instanceof String uri) {
            String context = request.getContextPath();
            return uri.startsWith(context) ? uri.substring(context.length()) : uri;
        }
        return PATHS.getPathWithinApplication(request);
    }

    private static String section(String path) {
        if (path.startsWith("/register")) {
            return "register";
        }
        if (path.startsWith("/staff")) {
            return "staff";
        }
        return path.startsWith("/login") ? "login" : "";
    }
}
