package nl.transparant.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.UrlPathHelper;

/**
 * A browser that asks for a page address nothing answers (a mistyped {@code /register/…/…}, a form address
 * opened as a link) gets a page, not the API's problem+json. Such errors arise before any controller is
 * chosen, so {@link PageExceptionHandler} never sees them; API addresses and clients that do not ask for
 * HTML are left to the API's own handling.
 */
@Component
class UnmatchedPageResolver implements HandlerExceptionResolver, Ordered {

    private static final List<String> NOT_PAGES = List.of("/api/**", "/engine-rest/**", "/camunda/**", "/actuator/**");
    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final UrlPathHelper URLS = new UrlPathHelper();

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        String path = URLS.getPathWithinApplication(request);
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("text/html") || NOT_PAGES.stream().anyMatch(p -> PATHS.match(p, path))) {
            return null;
        }
        HttpStatus status = e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException ? HttpStatus.NOT_FOUND
                : e instanceof HttpRequestMethodNotSupportedException ? HttpStatus.METHOD_NOT_ALLOWED
                : null;
        if (status == null) {
            return null;
        }
        if (request.getAttribute(PageContext.ATTRIBUTE) == null) {
            new PageContextInterceptor().preHandle(request, response, handler);
        }
        return PageExceptionHandler.page(status, status == HttpStatus.NOT_FOUND ? "error.notFound" : "error.methodNotAllowed",
                null, List.of());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
