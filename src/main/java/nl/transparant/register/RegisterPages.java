package nl.transparant.register;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nl.transparant.identity.CurrentStaff;
import nl.transparant.organisations.Organisation;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.register.problemreports.ProblemReports;
import nl.transparant.site.PageController;
import nl.transparant.site.RegisterFieldDisplay;
import nl.transparant.standard.RegisterStandard;
import nl.transparant.standard.Text;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

/** The public register in the browser, without login: published versions only, as {@link PublicRegister} gives them. */
@PageController
class RegisterPages {

    static final int PAGE_SIZE = 20;

    private final PublicRegister register;
    private final RegisterFieldDisplay display;
    private final RegisterStandard standard;
    private final OrganisationDirectory organisations;
    private final VersionDiff diff;
    private final ProblemReports reports;
    private final PreparedOverview overviewPages;
    private final ViewResolver views;

    RegisterPages(PublicRegister register, RegisterFieldDisplay display, RegisterStandard standard, OrganisationDirectory organisations,
            VersionDiff diff, ProblemReports reports, PreparedOverview overviewPages,
            @Qualifier("thymeleafViewResolver") ViewResolver views) {
        this.overviewPages = overviewPages;
        this.views = views;
        this.register = register;
        this.display = display;
        this.standard = standard;
        this.organisations = organisations;
        this.diff = diff;
        this.reports = reports;
    }

    /** @param textLang "nl" when the page is English but the entry has no English texts (its name and description are Dutch) */
    record EntrySummary(String lars, String name, String organisation, String description, String status, String category,
            String textLang) {
    }

    record VersionLink(int version, Instant publishedAt, boolean shown) {
    }

    /** A choice in a filter: the value the address carries, the label in the page language, and whether it is chosen. */
    record Choice(String value, String label, boolean selected) {
    }

    record Filter(String name, String labelKey, List<Choice> choices) {
    }

    /**
     * The overview; without any parameter it is the prepared page ({@link PreparedOverview}), sent as bytes (this method
     * then answers null: the response is written).
     */
    @GetMapping({"/register", "/en/register"})
    String overview(@RequestParam(name = "q", required = false) String searchText,
            @RequestParam(name = "organisatie", required = false) String organisation,
            @RequestParam(name = "thema", required = false) String theme,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "categorie", required = false) String category,
            @RequestParam(name = "impacttoets", required = false) String assessment,
            @RequestParam(name = "sorteer", required = false) String sort,
            @RequestParam(name = "pagina", required = false, defaultValue = "1") String page,
            Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PreparedOverview.serves(request)) {
            PreparedOverview.Page prepared = overviewPages.page(locale, () -> {
                String view = overview(null, null, null, null, null, null, null, "1", model, locale, response);
                return render(view, model, locale, request, response);
            });
            cacheBriefly(response);
            if (new ServletWebRequest(request, response).checkNotModified(prepared.etag())) {
                return null;
            }
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.setContentLength(prepared.body().length);
            response.getOutputStream().write(prepared.body());
            return null;
        }
        return overview(searchText, organisation, theme, status, category, assessment, sort, page, model, locale, response);
    }

    private String overview(String searchText, String organisation, String theme, String status, String category, String assessment,
            String sort, String page, Model model, Locale locale, HttpServletResponse response) {
        RegisterQuery query = new RegisterQuery(searchText, organisation, null, theme, status, category, assessment,
                RegisterQuery.Sort.byKey(sort).orElse(null), pageNumber(page), PAGE_SIZE);
        model.addAttribute("q", searchText == null ? "" : searchText);
        model.addAttribute("searched", query.searchText() != null);
        model.addAttribute("filtered", query.filtered());
        model.addAttribute("maxSearch", PublicRegister.MAX_SEARCH_LENGTH);
        SearchResult result;
        try {
            result = EnglishTexts.english(locale) ? register.searchInEnglish(query) : register.search(query);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            boolean searchProblem = e.problems().stream().anyMatch(p -> p.field().equals("searchtext"));
            model.addAttribute(searchProblem ? "searchError" : "filterError", true);
            result = new SearchResult(List.of(), 0, Map.of());
            query = new RegisterQuery(null, null, null, null, null, null, null, null, 1, PAGE_SIZE);
        }
        model.addAttribute("filters", filters(query, result, locale));
        model.addAttribute("sorts", sorts(query));
        page(model, result, query, locale);
        cacheBriefly(response);
        return "register/overview";
    }

    /** The page as the view renders it, in bytes, for {@link PreparedOverview} to keep. */
    private byte[] render(String view, Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        ContentCachingResponseWrapper capture = new ContentCachingResponseWrapper(response);
        try {
            View template = views.resolveViewName(view, locale);
            if (template == null) {
                throw new IllegalStateException("No view " + view);
            }
            template.render(model.asMap(), request, capture);
            capture.getWriter().flush();
        } catch (Exception e) {
            throw new IllegalStateException("The overview page could not be rendered", e);
        }
        return capture.getContentAsByteArray();
    }

    @GetMapping({"/register/organisaties/{code}", "/en/register/organisaties/{code}"})
    String organisation(@PathVariable String code, @RequestParam(name = "pagina", required = false, defaultValue = "1") String page,
            Model model, Locale locale, HttpServletResponse response) {
        Organisation organisation = organisations.findById(code)
                .orElseThrow(() -> NotFoundException.of("problem.notFound.organisation", code));
        RegisterQuery query = new RegisterQuery(null, organisation.getCode(), null, null, null, null, null, RegisterQuery.Sort.NAME_ASC,
                pageNumber(page), PAGE_SIZE);
        model.addAttribute("organisation", organisation);
        page(model, EnglishTexts.english(locale) ? register.searchInEnglish(query) : register.search(query), query, locale);
        cacheBriefly(response);
        return "register/organisation";
    }

    @GetMapping({"/register/{lars}", "/en/register/{lars}"})
    String latest(@PathVariable String lars, Model model, Locale locale, HttpServletResponse response) {
        PublishedEntry entry = register.latest(lars);
        model.addAttribute("reportsUnderReview", reports.underReview(lars));
        // facts that change without a new version (the requirements declared met) show here, never on a cached version page
        model.addAttribute("liveView", true);
        cacheBriefly(response);
        return entry(entry, model, locale);
    }

    /** A published version never changes: its page may be kept by any cache for a year (the ETag filter adds the validator). */
    @GetMapping({"/register/{lars}/versions/{version}", "/en/register/{lars}/versions/{version}"})
    String version(@PathVariable String lars, @PathVariable String version, Model model, Locale locale, HttpServletResponse response) {
        PublishedEntry entry = register.version(lars, PublicRegister.versionNumber(version)
                .orElseThrow(() -> NotFoundException.of("problem.notFound.version", lars, version)));
        model.addAttribute("reportsUnderReview", 0L);
        cache(response, VersionCaching.immutable());
        return entry(entry, model, locale);
    }

    private String entry(PublishedEntry entry, Model model, Locale locale) {
        List<PublishedEntry> history = register.history(entry.getLars());
        int latest = history.get(0).getVersionNumber();
        model.addAttribute("entry", entry);
        Map<String, Object> shown = entry.fieldsIn(locale);
        Set<String> dutchTexts = entry.dutchTextsIn(locale);
        model.addAttribute("fields", display.show(shown, locale));
        // in English, the texts without a translation are Dutch: screen readers must read them as Dutch
        model.addAttribute("dutchTexts", dutchTexts);
        model.addAttribute("entryName", String.valueOf(shown.getOrDefault("name", entry.getName())));
        model.addAttribute("entryNameLang", dutchTexts.contains("name") ? "nl" : null);
        model.addAttribute("latestVersion", latest);
        model.addAttribute("isLatest", entry.getVersionNumber() == latest);
        model.addAttribute("versions", history.stream()
                .map(v -> new VersionLink(v.getVersionNumber(), v.getPublishedAt(), v.getVersionNumber() == entry.getVersionNumber()))
                .toList());
        PublishedEntry previous = history.stream().filter(v -> v.getVersionNumber() < entry.getVersionNumber()).findFirst().orElse(null);
        model.addAttribute("previousVersion", previous == null ? null : previous.getVersionNumber());
        model.addAttribute("changes", previous == null ? List.of() : diff.between(previous.getFields(), entry.getFields(), locale));
        return "register/entry";
    }

    private void page(Model model, SearchResult result, RegisterQuery query, Locale locale) {
        model.addAttribute("entries", result.results().stream().map(f -> summary(f, locale)).toList());
        model.addAttribute("total", result.totalCount());
        int pages = Math.max(1, (result.totalCount() + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("page", Math.min(query.page(), pages));
        model.addAttribute("pages", pages);
    }

    private List<Filter> filters(RegisterQuery query, SearchResult result, Locale locale) {
        List<Filter> filters = new ArrayList<>();
        filters.add(new Filter("organisatie", "register.filter.organisation", organisations.allByName().stream()
                .map(o -> new Choice(o.getName(), o.getName(), o.getName().equals(query.organisation()) || o.getCode().equals(query.organisation())))
                .toList()));
        filters.add(permitted("thema", "register.filter.theme", "category", query.theme(), locale));
        filters.add(permitted("status", "register.filter.status", "status", query.status(), locale));
        filters.add(permitted("categorie", "register.filter.category", "publication_category", query.publicationCategory(), locale));
        List<Choice> assessments = new ArrayList<>(result.filterData().getOrDefault("impact_assessment", List.of()).stream()
                .map(v -> new Choice(v.value(), v.value(), v.value().equals(query.impactAssessment()))).toList());
        if (query.impactAssessment() != null && assessments.stream().noneMatch(Choice::selected)) {
            assessments.add(new Choice(query.impactAssessment(), query.impactAssessment(), true));
        }
        filters.add(new Filter("impacttoets", "register.filter.assessment", assessments));
        return filters;
    }

    private Filter permitted(String name, String labelKey, String field, String selected, Locale locale) {
        List<Text> values = standard.field(field).map(f -> f.permittedValues()).orElse(List.of());
        return new Filter(name, labelKey, values.stream().map(v -> new Choice(v.nl(), v.in(locale), v.nl().equals(selected))).toList());
    }

    private static List<Choice> sorts(RegisterQuery query) {
        return java.util.Arrays.stream(RegisterQuery.Sort.values())
                .map(s -> new Choice(s.key(), "register.sort." + s.key(), s == query.sort()))
                .toList();
    }

    private static int pageNumber(String page) {
        try {
            return Math.max(1, Integer.parseInt(page));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void cacheBriefly(HttpServletResponse response) {
        cache(response, VersionCaching.latest());
    }

    /**
     * Shared caches may keep a public page only as the public sees it: a signed-in person's page names them. The
     * language is in the path ({@link nl.transparant.site.PublicPages}), so one address is one page for everyone: no
     * {@code Vary: Cookie}.
     */
    private static void cache(HttpServletResponse response, CacheControl forThePublic) {
        boolean signedIn = CurrentStaff.current().isPresent();
        response.setHeader(HttpHeaders.CACHE_CONTROL, signedIn ? CacheControl.noCache().cachePrivate().getHeaderValue()
                : forThePublic.getHeaderValue());
    }

    private EntrySummary summary(Map<String, Object> f, Locale locale) {
        return new EntrySummary(String.valueOf(f.get("lars")), String.valueOf(f.getOrDefault("name", "")),
                display.text("organization", f.get("organization"), locale),
                display.text("description_short", f.get("description_short"), locale), display.text("status", f.get("status"), locale),
                display.text("publication_category", f.get("publication_category"), locale),
                EnglishTexts.english(locale) && !"eng".equals(f.get("lang")) ? "nl" : null);
    }
}
