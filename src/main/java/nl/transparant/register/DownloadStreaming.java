package nl.transparant.register;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The register's downloads stream on an asynchronous request (a {@code StreamingResponseBody}). The servlet
 * container ends an asynchronous request after 30 s by default, which cut a download of a large register off in the
 * middle of the file (after the status line, so the client saw a 200 and a truncated file). The downloads are the
 * application's only asynchronous responses; they get as long as a very large register over a slow line needs.
 */
@Configuration
class DownloadStreaming implements WebMvcConfigurer {

    static final Duration LONGEST_DOWNLOAD = Duration.ofMinutes(30);

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(LONGEST_DOWNLOAD.toMillis());
    }
}
