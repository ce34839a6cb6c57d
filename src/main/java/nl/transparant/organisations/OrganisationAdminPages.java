package nl.transparant.organisations;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.site.FormProblems;
import nl.transparant.site.PageController;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's pages for {@link Organisations} and {@link OrganisationFile}: the list (with the Keycloak claim
 * values that name each organisation), a form to create or change one, and the upload of an organisation file. The
 * same rules and answers as {@code /api/admin/organisations}; only the transport differs.
 */
@PageController
@RequestMapping("/staff/admin/organisations")
class OrganisationAdminPages {

    static final String LIST = "organisations/list";
    static final String FORM = "organisations/form";
    private static final List<String> FIELDS = List.of("code", "name", "nationalId", "type", "tooiUri", "kvk", "partOf", "serves");

    private final Organisations organisations;
    private final OrganisationFile file;
    private final MessageSource messages;

    OrganisationAdminPages(Organisations organisations, OrganisationFile file, MessageSource messages) {
        this.organisations = organisations;
        this.file = file;
        this.messages = messages;
    }

    /** A row of the list: the organisation, its parent's name and the claim values Keycloak may send for it. */
    record ListRow(OrganisationData organisation, String partOfName, List<String> servesNames, List<String> claimValues) {
    }

    @GetMapping
    String list(StaffUser admin, Model model, HttpServletResponse response) {
        return list(admin, null, null, null, model, response);
    }

    @PostMapping("/import")
    String importFile(StaffUser admin, @RequestParam(name = "file", required = false) MultipartFile upload, Model model,
            HttpServletResponse response, java.util.Locale locale) throws IOException {
        Organisations.requireAdmin(admin);
        if (upload == null || upload.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return list(admin, null, "organisations.import.noFile", null, model, response);
        }
        if (upload.getSize() > OrganisationAdminApi.MAX_FILE_BYTES) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return list(admin, null, "organisations.import.tooLarge", null, model, response);
        }
        try {
            return list(admin, file.importFile(admin, upload.getBytes()), null, null, model, response);
        } catch (OrganisationFile.ImportRefused e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("refused", true);
            return list(admin, e.report(), null, null, model, response);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            // in the page's language (its Dutch text was shown, marked English, on an English page: outside tester)
            return list(admin, null, null, e.detail(locale), model, response);
        }
    }

    private String list(StaffUser admin, OrganisationFile.Report report, String problem, String unreadable, Model model,
            HttpServletResponse response) {
        List<OrganisationData> all = organisations.all(admin);
        Map<String, String> names = all.stream().collect(Collectors.toMap(OrganisationData::code, OrganisationData::name));
        model.addAttribute("rows", all.stream()
                .map(o -> new ListRow(o, o.partOf() == null ? null : names.get(o.partOf()),
                        o.serves().stream().map(s -> names.getOrDefault(s, s)).toList(), ClaimMatching.claimValuesOf(o)))
                .toList());
        model.addAttribute("report", report);
        model.addAttribute("problem", problem);
        model.addAttribute("unreadable", unreadable);
        model.addAttribute("pageUrl", "/staff/admin/organisations");
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        return LIST;
    }

    @GetMapping("/new")
    String newForm(StaffUser admin, Model model, Locale locale) {
        Organisations.requireAdmin(admin);
        return form(admin, null, new OrganisationData(null, null, null, null, null, null, null, true, List.of()), FormProblems.none(),
                model, locale);
    }

    @PostMapping("/new")
    String create(StaffUser admin, @RequestParam MultiValueMap<String, String> posted, Model model, Locale locale,
            RedirectAttributes redirect, HttpServletResponse response) {
        OrganisationData input = read(posted, null);
        try {
            OrganisationData created = organisations.create(admin, input);
            redirect.addFlashAttribute("flash", "flash.organisationCreated");
            return "redirect:/staff/admin/organisations#org-" + created.code();
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(admin, null, input, FormProblems.of(e, locale), model, locale);
        } catch (ConflictException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return form(admin, null, input, FormProblems.of(List.of(), e.getMessage()), model, locale);
        }
    }

    @GetMapping("/{code}/edit")
    String editForm(StaffUser admin, @PathVariable String code, Model model, Locale locale) {
        OrganisationData existing = organisations.get(admin, code);
        return form(admin, existing.code(), existing, FormProblems.none(), model, locale);
    }

    @PostMapping("/{code}/edit")
    String save(StaffUser admin, @PathVariable String code, @RequestParam MultiValueMap<String, String> posted, Model model,
            Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        OrganisationData input = read(posted, code);
        try {
            organisations.update(admin, code, input);
            redirect.addFlashAttribute("flash", "flash.organisationSaved");
            return "redirect:/staff/admin/organisations#org-" + code;
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(admin, code, input, FormProblems.of(e, locale), model, locale);
        } catch (ConflictException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return form(admin, code, input, FormProblems.of(List.of(), e.getMessage()), model, locale);
        }
    }

    private String form(StaffUser admin, String existingCode, OrganisationData input, FormProblems problems, Model model, Locale locale) {
        List<OrganisationData> others = organisations.all(admin).stream().filter(o -> !o.code().equals(existingCode)).toList();
        Function<String, String> label = field -> messages.getMessage("organisations.field." + field, null, locale);
        model.addAttribute("existingCode", existingCode);
        model.addAttribute("input", input);
        model.addAttribute("servesText", input.serves() == null ? "" : String.join(" ", input.serves()));
        model.addAttribute("others", others);
        model.addAttribute("types", OrganisationRules.TYPES);
        model.addAttribute("maxCode", OrganisationRules.MAX_CODE);
        model.addAttribute("problems", problems);
        model.addAttribute("summary", problems.byKey().entrySet().stream()
                .map(e -> new FormProblems.SummaryItem(FIELDS.contains(e.getKey()) ? "#" + FormProblems.inputId("f-", e.getKey()) : null,
                        FIELDS.contains(e.getKey()) ? label.apply(e.getKey()) : e.getKey(), String.join(" ", e.getValue())))
                .toList());
        model.addAttribute("pageUrl", existingCode == null ? "/staff/admin/organisations/new"
                : "/staff/admin/organisations/" + existingCode + "/edit");
        return FORM;
    }

    private static OrganisationData read(MultiValueMap<String, String> posted, String code) {
        String serves = posted.getFirst("serves");
        return new OrganisationData(code != null ? code : posted.getFirst("code"), posted.getFirst("name"), posted.getFirst("nationalId"),
                posted.getFirst("type"), posted.getFirst("tooiUri"), posted.getFirst("kvk"), posted.getFirst("partOf"),
                posted.containsKey("active"),
                serves == null || serves.isBlank() ? List.of() : Arrays.asList(serves.strip().split("[\\s,]+")));
    }
}
