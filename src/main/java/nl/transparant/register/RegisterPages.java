package nl.transparant.register;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.site.PageController;
import nl.transparant.site.RegisterFieldDisplay;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The public register in the browser, without login: published versions only, as {@link PublicRegister} gives them. */
@PageController
class RegisterPages {

    private final PublicRegister register;
    private final RegisterFieldDisplay display;

    RegisterPages(PublicRegister register, RegisterFieldDisplay display) {
        this.register = register;
        this.display = display;
    }

    record EntrySummary(String lars, String name, String organisation, String description, String status, String category) {
    }

    record VersionLink(int version, Instant publishedAt, boolean shown) {
    }

    @GetMapping("/register")
    String overview(@RequestParam(name = "q", required = false) String searchText, Model model, Locale locale,
            HttpServletResponse response) {
        model.addAttribute("q", searchText == null ? "" : searchText);
        model.addAttribute("searched", searchText != null && !searchText.isBlank());
        model.addAttribute("maxSearch", PublicRegister.MAX_SEARCH_LENGTH);
        try {
            model.addAttribute("entries", register.current(searchText).stream().map(e -> summary(e, locale)).toList());
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("entries", List.of());
            model.addAttribute("searchError", true);
        }
        return "register/overview";
    }

    @GetMapping("/register/{lars}")
    String latest(@PathVariable String lars, Model model, Locale locale) {
        return entry(register.latest(lars), model, locale);
    }

    @GetMapping("/register/{lars}/versions/{version}")
    String version(@PathVariable String lars, @PathVariable int version, Model model, Locale locale) {
        return entry(register.version(lars, version), model, locale);
    }

    private String entry(PublishedEntry entry, Model model, Locale locale) {
        List<PublishedEntry> history = register.history(entry.getLars());
        int latest = history.get(0).getVersionNumber();
        model.addAttribute("entry", entry);
        model.addAttribute("fields", display.show(entry.getFields(), locale));
        model.addAttribute("latestVersion", latest);
        model.addAttribute("isLatest", entry.getVersionNumber() == latest);
        model.addAttribute("versions", history.stream()
                .map(v -> new VersionLink(v.getVersionNumber(), v.getPublishedAt(), v.getVersionNumber() == entry.getVersionNumber()))
                .toList());
        return "register/entry";
    }

    private EntrySummary summary(PublishedEntry entry, Locale locale) {
        Map<String, Object> f = entry.getFields();
        return new EntrySummary(entry.getLars(), entry.getName(), display.text("organization", f.get("organization"), locale),
                display.text("description_short", f.get("description_short"), locale), display.text("status", f.get("status"), locale),
                display.text("publication_category", f.get("publication_category"), locale));
    }
}
