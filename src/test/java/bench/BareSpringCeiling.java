package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The "bare Spring MVC" ceiling of {@code bench/register-benchmark.sh}: Tomcat and Spring MVC, nothing else (no
 * security, no database, no templates), answering with response bytes held in memory. It lives in the bench
 * tooling, outside the product's packages, and imports only the auto-configuration of the web stack, so nothing of
 * the product on the class path is started.
 *
 * <pre>java -cp … bench.BareSpringCeiling &lt;folder of files named by id&gt; --server.port=…</pre>
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class})
@RestController
public class BareSpringCeiling {

    private static final Map<String, byte[]> RESPONSES = new HashMap<>();

    public static void main(String[] args) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                RESPONSES.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        System.out.println("Bare Spring ceiling: " + RESPONSES.size() + " responses in memory");
        SpringApplication.run(BareSpringCeiling.class, args);
    }

    @GetMapping("/bare/{id}")
    ResponseEntity<byte[]> response(@PathVariable String id) {
        byte[] body = RESPONSES.get(id);
        return body == null ? ResponseEntity.notFound().build() : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
