package nl.transparant.register;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Strong ETags for the register's pages, computed over the bytes sent, so a browser or proxy that already has a
 * page gets a 304 instead of the page. Over the bytes rather than the version number because the same version is
 * rendered in two languages and by newer templates after a release. Files and the feed are left out: the files
 * are streamed and would have to be held in memory whole to be hashed. The prepared overview page sets its own
 * (the same hash, computed once per rendering: {@link PreparedOverview}).
 */
@Configuration
class RegisterPageEtags {

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> registerPageEtagFilter() {
        ShallowEtagHeaderFilter filter = new ShallowEtagHeaderFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                if (path.startsWith("/en/register")) {
                    path = path.substring("/en".length());
                }
                return !path.startsWith("/register") || path.startsWith("/register/downloads/") || path.endsWith("/melden")
                        || PreparedOverview.serves(request);
            }
        };
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/register", "/register/*", "/en/register", "/en/register/*");
        registration.setName("registerPageEtags");
        return registration;
    }
}
