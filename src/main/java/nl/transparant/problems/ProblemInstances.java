package nl.transparant.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * A problem's {@code instance} is the address asked for only when it is a plain one ({@link ProblemAnswers#pathAskedFor}):
 * Spring fills in the raw request address of every problem that has none, so an address with encoded characters came
 * back as sent ({@code /api/tasks/%F0%9F%98%80/draft}; outside tester), which the API's documentation says never happens.
 */
@RestControllerAdvice
class ProblemInstances implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest asked = servlet.getServletRequest();
            String plain = ProblemAnswers.pathAskedFor(asked);
            problem.setInstance(plain == null ? null : URI.create(plain));
        }
        return body;
    }
}
