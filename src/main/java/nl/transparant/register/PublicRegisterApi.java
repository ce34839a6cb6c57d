package nl.transparant.register;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    PublicRegisterApi(PublicRegister register) {
        this.register = register;
    }

    @GetMapping
    List<Summary> list(@RequestParam(name = "q", required = false) String searchText) {
        return register.current(searchText).stream().map(PublicRegisterApi::summary).toList();
    }

    @GetMapping("/{lars}")
    Entry latest(@PathVariable String lars) {
        return entry(register.latest(lars));
    }

    @GetMapping("/{lars}/versions")
    List<Summary> versions(@PathVariable String lars) {
        return register.history(lars).stream().map(PublicRegisterApi::summary).toList();
    }

    @GetMapping("/{lars}/versions/{version}")
    Entry version(@PathVariable String lars, @PathVariable int version) {
        return entry(register.version(lars, version));
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
