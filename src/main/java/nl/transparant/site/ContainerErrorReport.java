package nl.transparant.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import nl.transparant.identity.PublicReadHeaders;
import nl.transparant.problems.ProblemTexts;
import nl.transparant.problems.StatusProblems;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * What the servlet container refuses before any filter or servlet of ours sees the request: an address it cannot decode
 * (an encoded NUL, slash or backslash, a bare '%', invalid UTF-8). Tomcat's own report was an HTML page in English
 * without the headers every other answer carries (outside tests, issue 14); this one is problem+json in the caller's
 * language ({@link StatusProblems}, as Spring Boot's error path answers what reaches Spring) with the public reads'
 * security headers and no caching.
 */
final class ContainerErrorReport extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    ContainerErrorReport() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's: only an error status whose answer has not begun
        if (status < 400 || response.getContentWritten() > 0 || response.isCommitted()) {
            return;
        }
        try {
            byte[] body = JSON.writeValueAsBytes(StatusProblems.of(status,
                    ProblemTexts.callersLanguage(nl.transparant.problems.ProblemTexts.acceptLanguage(request))));
            PublicReadHeaders.writeNotStored(request, response);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException gone) {
            // the client went away or the answer cannot be written any more: nothing to tell
        }
    }

    /** In place of Tomcat's report, and of the one Spring Boot adds when stack traces are never included. */
    @Configuration
    static class Installation {

        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerErrorReport() {
            return factory -> factory.addContextCustomizers(context -> {
                var pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ContainerErrorReport)) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ContainerErrorReport());
                // Tomcat adds its own report at the host's start unless one of this class is there
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ContainerErrorReport.class.getName());
                }
            });
        }
    }
}
