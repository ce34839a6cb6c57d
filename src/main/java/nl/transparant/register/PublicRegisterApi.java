package nl.transparant.register;

import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.transparant.problems.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/** The register as JSON, without login: the fields of the publication standard and nothing else. */
@RestController
@RequestMapping("/api/public/algorithms")
class PublicRegisterApi {

    private final PublicRegister register;
    private final PreparedAnswers answers;

    PublicRegisterApi(PublicRegister register, PreparedAnswers answers) {
        this.register = register;
        this.answers = answers;
    }

    @GetMapping
    List<Summary> list(@RequestParam(name = "q", required = false) String searchText) {
        return register.current(searchText).stream().map(PublicRegisterApi::summary).toList();
    }

    @GetMapping("/{lars}")
    @ApiResponse(responseCode = "200", description = "The latest published version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Entry.class)))
    ResponseEntity<byte[]> latest(@PathVariable String lars, HttpServletRequest request) {
        return cached(answers.latest(lars).orElseThrow(() -> NotFoundException.of("problem.notFound.algorithm", lars)), request);
    }

    @GetMapping("/{lars}/versions")
    List<Summary> versions(@PathVariable String lars) {
        return register.history(lars).stream().map(PublicRegisterApi::summary).toList();
    }

    /** A published version never changes: cacheable by anyone for a year, revalidated by its strong ETag. */
    @GetMapping("/{lars}/versions/{version}")
    @ApiResponse(responseCode = "200", description = "This published version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Entry.class)))
    ResponseEntity<byte[]> version(@PathVariable String lars, @PathVariable String version, HttpServletRequest request) {
        return cached(PublicRegister.versionNumber(version).flatMap(number -> answers.version(lars, number))
                .orElseThrow(() -> NotFoundException.of("problem.notFound.version", lars, version)), request);
    }

    static String etag(PublishedEntry e) {
        return VersionCaching.etag(e).replace("-v", "-api-v");
    }

    /** Prepared bytes with their ETag and caching, or a 304 for a matching If-None-Match. */
    static ResponseEntity<byte[]> cached(PreparedAnswers.Answer answer, HttpServletRequest request) {
        RegisterReads.Prepared e = answer.prepared();
        if (PreparedAnswers.notModified(request.getHeaders(HttpHeaders.IF_NONE_MATCH), e.etag())) {
            return ResponseEntity.status(304).eTag(e.etag()).cacheControl(answer.caching()).build();
        }
        return ResponseEntity.ok().eTag(e.etag()).cacheControl(answer.caching()).contentType(MediaType.APPLICATION_JSON).body(e.body());
    }

    record Summary(String lars, int version, String name, Object organization, Object descriptionShort, Object status,
            Object publicationCategory, Instant publishedAt) {
    }

    record Entry(String lars, int version, Instant publishedAt, Map<String, Object> fields) {
    }

    private static Summary summary(PublishedEntry e) {
        Map<String, Object> f = e.getFields();
        return new Summary(e.getLars(), e.getVersionNumber(), e.getName(), f.get("organization"), f.get("description_short"),
                f.get("status"), f.get("publication_category"), e.getPublishedAt());
    }

    static Entry entry(PublishedEntry e) {
        return new Entry(e.getLars(), e.getVersionNumber(), e.getPublishedAt(), e.getFields());
    }
}
