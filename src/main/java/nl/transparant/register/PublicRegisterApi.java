package nl.transparant.register;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The register as JSON, without login: the fields of the publication standard and nothing else. */
@RestController
@RequestMapping("/api/public/algorithms")
class PublicRegisterApi {

    private final PublicRegister register;

    PublicRegisterApi(PublicRegister register) {
        this.register = register;
    }

    @GetMapping
    List<Summary> list(@RequestParam(name = "q", required = false) String searchText) {
        return register.current(searchText).stream().map(PublicRegisterApi::summary).toList();
    }

    @GetMapping("/{lars}")
    ResponseEntity<Entry> latest(@PathVariable String lars, WebRequest request) {
        return cached(register.latest(lars), VersionCaching.latest(), request);
    }

    @GetMapping("/{lars}/versions")
    List<Summary> versions(@PathVariable String lars) {
        return register.history(lars).stream().map(PublicRegisterApi::summary).toList();
    }

    /** A published version never changes: cacheable by anyone for a year, revalidated by its strong ETag. */
    @GetMapping("/{lars}/versions/{version}")
    ResponseEntity<Entry> version(@PathVariable String lars, @PathVariable int version, WebRequest request) {
        return cached(register.version(lars, version), VersionCaching.immutable(), request);
    }

    private static ResponseEntity<Entry> cached(PublishedEntry e, CacheControl cacheControl, WebRequest request) {
        String etag = VersionCaching.etag(e).replace("-v", "-api-v");
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(304).eTag(etag).cacheControl(cacheControl).build();
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(cacheControl).body(entry(e));
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

    private static Entry entry(PublishedEntry e) {
        return new Entry(e.getLars(), e.getVersionNumber(), e.getPublishedAt(), e.getFields());
    }
}
