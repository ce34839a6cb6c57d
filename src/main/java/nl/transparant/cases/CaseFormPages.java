package nl.transparant.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.problems.IdempotencyKeyReusedException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.site.FormProblems;
import nl.transparant.site.PageController;
import nl.transparant.site.PageProblem;
import nl.transparant.site.FormBasis;
import nl.transparant.site.RegisterFieldForm;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Project owners register a case and edit it while it is their turn, with a form generated from the
 * publication standard. When {@link Cases} refuses the input, the same form comes back with everything
 * the person typed and each problem next to its field.
 */
@PageController
@RequestMapping("/staff/cases")
class CaseFormPages {

    static final String VIEW = "cases/form";

    private final Cases cases;
    private final RegisterFieldForm form;
    private final OrganisationDirectory organisations;
    private final MessageSource messages;
    private final nl.transparant.identity.PeopleNames people;

    CaseFormPages(Cases cases, RegisterFieldForm form, OrganisationDirectory organisations, MessageSource messages,
            nl.transparant.identity.PeopleNames people) {
        this.people = people;
        this.cases = cases;
        this.form = form;
        this.organisations = organisations;
        this.messages = messages;
    }

    /** The values a form shows: typed (after a refusal) or stored (when opened). */
    record FormInput(Map<String, ?> fields, String organisation, String internalNotes, Long version) {
    }

    /** A choice of organisation, offered only to owners who serve more than one. */
    record OrganisationOption(String code, String name, boolean selected) {
    }

    @GetMapping("/new")
    String newCase(StaffUser user, Model model, Locale locale) {
        requireOwner(user, "case.new.notOwner");
        model.addAttribute("requestKey", UUID.randomUUID().toString());
        return render(user, null, new FormInput(Map.of(), null, null, null), FormProblems.none(), null, model, locale);
    }

    @PostMapping("/new")
    String create(StaffUser user, @RequestParam MultiValueMap<String, String> posted, Model model, Locale locale,
            RedirectAttributes redirect, HttpServletResponse response) {
        FormInput input = new FormInput(form.read(posted), posted.getFirst("organisation"), posted.getFirst("internalNotes"), null);
        // the form's own key: the same form sent twice (a double click, a reload after a lost answer) makes one case
        String requestKey = posted.getFirst("requestKey");
        model.addAttribute("requestKey", requestKey == null || requestKey.isBlank() ? UUID.randomUUID().toString() : requestKey);
        try {
            AlgorithmCase created = createOnce(user, input, requestKey);
            redirect.addFlashAttribute("flash", "flash.caseCreated");
            return "redirect:/staff/cases/" + created.getId();
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return render(user, null, input, FormProblems.of(e, locale), null, model, locale);
        }
    }

    private AlgorithmCase createOnce(StaffUser user, FormInput input, String requestKey) {
        if (requestKey == null || requestKey.isBlank()) {
            return cases.create(user, input.organisation(), input.fields(), input.internalNotes());
        }
        try {
            return cases.create(user, input.organisation(), input.fields(), input.internalNotes(), requestKey).created();
        } catch (IdempotencyKeyReusedException changedAfterSending) {
            // back in the browser, changed and sent again: the person means another case
            return cases.create(user, input.organisation(), input.fields(), input.internalNotes());
        }
    }

    @GetMapping("/{id}/edit")
    String edit(StaffUser user, @PathVariable String id, Model model, Locale locale) {
        AlgorithmCase existing = cases.read(user, id);
        requireOwner(user, "case.edit.notOwner");
        if (!existing.getStage().editableByOwner()) {
            throw new PageProblem(HttpStatus.CONFLICT, "case.edit.underReview");
        }
        return render(user, existing, stored(existing), FormProblems.none(), null, model, locale);
    }

    @PostMapping("/{id}/edit")
    String save(StaffUser user, @PathVariable String id, @RequestParam MultiValueMap<String, String> posted, Model model,
            Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        FormInput input = new FormInput(form.read(posted), null, posted.getFirst("internalNotes"), version(posted.getFirst("version")));
        try {
            cases.edit(user, id, input.version(), input.fields(), input.internalNotes());
            redirect.addFlashAttribute("flash", "flash.caseSaved");
            return "redirect:/staff/cases/" + id;
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return render(user, cases.read(user, id), input, FormProblems.of(e, locale), null, model, locale);
        } catch (nl.transparant.problems.ConflictException e) {
            // someone saved in between, or the case moved on (submitted by a colleague): what this person typed stays
            // in the form (a general error page lost it: outside tester), with the case's current version, so saving
            // again is a deliberate choice to replace the other change; a case under review says so and keeps the text
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            AlgorithmCase current = cases.read(user, id);
            if (current.getStage().editableByOwner()) {
                OutOfDateForm notice = OutOfDateForm.of("case.form.conflict", current, user, people, input.version());
                model.addAttribute("introArg", notice.argument());
                // merged field by field with what the other saved: saving again replaced every field of theirs with the
                // text this form had before (outside tester); what both changed is pointed out at its field
                Map<String, Object> typed = new LinkedHashMap<>(input.fields());
                typed.put(NOTES, input.internalNotes());
                // without a (readable) basis every field that differs from the stored one is pointed out
                FormBasis.Merged merged = FormBasis.merge(FormBasis.parse(posted.getFirst("basis"), input.version()).orElse(Map.of()), typed,
                        basisValues(current), basisKeys());
                Map<String, Object> fields = new LinkedHashMap<>(merged.values());
                Object notes = fields.remove(NOTES);
                java.util.Optional<String> savedNow = basisKnown(posted, input.version()) && merged.takenOver().isEmpty() && merged.changedByBoth().isEmpty()
                        ? saveOver(user, id, current.getVersion(), fields, notes == null ? null : String.valueOf(notes)) : java.util.Optional.empty();
                if (savedNow.isPresent()) {
                    redirect.addFlashAttribute("flash", "flash.caseSaved");
                    return savedNow.get();
                }
                model.addAttribute("takenOver", labels(merged.takenOver(), locale));
                return render(user, current, new FormInput(fields, null, notes == null ? null : String.valueOf(notes), current.getVersion()),
                        changedByBoth(merged.changedByBoth(), locale), notice.key(), model, locale);
            }
            return render(user, current, new FormInput(input.fields(), null, input.internalNotes(), current.getVersion()),
                    FormProblems.none(), "case.form.conflictUnderReview", model, locale);
        }
    }

    /** Submitting with required fields missing opens the edit form on exactly those fields. */
    @PostMapping("/{id}/submit")
    String submit(StaffUser user, @PathVariable String id, Model model, Locale locale, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            cases.submit(user, id);
            redirect.addFlashAttribute("flash", "flash.caseSubmitted");
            return "redirect:/staff/cases/" + id;
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            AlgorithmCase draft = cases.read(user, id);
            return render(user, draft, stored(draft), FormProblems.of(e, locale), "case.submit.missing", model, locale);
        }
    }

    private String render(StaffUser user, AlgorithmCase existing, FormInput input, FormProblems problems, String introKey, Model model,
            Locale locale) {
        boolean chooseOrganisation = existing == null && user.organisations().size() > 1;
        Map<String, String> otherLabels = new LinkedHashMap<>();
        otherLabels.put("internalNotes", messages.getMessage("case.form.internalNotes", null, locale));
        // a hidden field: its problem is named as what it is, not as "version" (outside tester)
        otherLabels.put("version", messages.getMessage("case.form.version", null, locale));
        if (chooseOrganisation) {
            otherLabels.put("organisation", messages.getMessage("case.form.organisation", null, locale));
        }
        model.addAttribute("existing", existing);
        model.addAttribute("input", input);
        model.addAttribute("fields", form.fields(input.fields(), problems, locale));
        model.addAttribute("problems", problems);
        model.addAttribute("summary", form.summary(problems, locale, otherLabels));
        model.addAttribute("introKey", introKey);
        // what this form is based on, field by field, so that a save refused because of a colleague's can be merged
        model.addAttribute("basis", existing == null ? null : FormBasis.of(basisValues(existing), basisKeys(), existing.getVersion()));
        model.addAttribute("maxNotes", Cases.MAX_NOTES);
        model.addAttribute("organisationOptions", chooseOrganisation
                ? organisations.allByName().stream()
                        .filter(o -> user.serves(o.getCode()))
                        .map(o -> new OrganisationOption(o.getCode(), o.getName(), o.getCode().equals(input.organisation())))
                        .toList()
                : List.of());
        model.addAttribute("pageUrl", existing == null ? "/staff/cases/new" : "/staff/cases/" + existing.getId() + "/edit");
        return VIEW;
    }

    private static boolean basisKnown(MultiValueMap<String, String> posted, Long version) {
        return FormBasis.parse(posted.getFirst("basis"), version).isPresent();
    }

    /**
     * The texts this form holds were not changed since it was opened, only something else of the case (its English
     * texts, say): saved over the current version at once, where the person was sent back with nothing to look at
     * (outside tester). Empty when that save meets another change.
     */
    private java.util.Optional<String> saveOver(StaffUser user, String id, long current, Map<String, Object> fields, String notes) {
        try {
            cases.edit(user, id, current, fields, notes);
            return java.util.Optional.of("redirect:/staff/cases/" + id);
        } catch (nl.transparant.problems.ConflictException | InvalidInputException meanwhile) {
            return java.util.Optional.empty();
        }
    }

    /** The internal notes' key in a form's basis, beside the register fields'. */
    private static final String NOTES = "internalNotes";

    private List<String> basisKeys() {
        List<String> keys = new java.util.ArrayList<>(form.editableKeys());
        keys.add(NOTES);
        return keys;
    }

    private static Map<String, Object> basisValues(AlgorithmCase stored) {
        Map<String, Object> values = new LinkedHashMap<>(stored.getRegisterFields());
        values.put(NOTES, stored.getInternalNotes());
        return values;
    }

    /** Each field both people changed, pointed out at the field with the text stored now. */
    private FormProblems changedByBoth(Map<String, Object> changedByBoth, Locale locale) {
        if (changedByBoth.isEmpty()) {
            return FormProblems.none();
        }
        List<nl.transparant.problems.FieldProblem> problems = new java.util.ArrayList<>();
        changedByBoth.forEach((key, theirs) -> problems.add(changedByBoth(key, theirs)));
        return FormProblems.of(problems, null);
    }

    /** A field that differs from what is stored, with the stored text (or that it is stored empty). */
    static nl.transparant.problems.FieldProblem changedByBoth(String key, Object stored) {
        String shown = FormBasis.shown(stored);
        return shown.isEmpty() ? nl.transparant.problems.FieldProblem.of(key, "case.form.changedByBoth.emptied")
                : nl.transparant.problems.FieldProblem.of(key, "case.form.changedByBoth", shown);
    }

    private List<String> labels(List<String> keys, Locale locale) {
        Map<String, String> byKey = new LinkedHashMap<>();
        form.fields(Map.of(), FormProblems.none(), locale).forEach(field -> byKey.put(field.key(), field.label()));
        byKey.put(NOTES, messages.getMessage("case.form.internalNotes", null, locale));
        return keys.stream().map(key -> byKey.getOrDefault(key, key)).toList();
    }

    private static FormInput stored(AlgorithmCase existing) {
        return new FormInput(existing.getRegisterFields(), existing.getOrganisationCode(), existing.getInternalNotes(),
                existing.getVersion());
    }

    /** A version that is no number counts as missing: the service then asks for it instead of guessing. */
    private static Long version(String posted) {
        try {
            return posted == null ? null : Long.valueOf(posted.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void requireOwner(StaffUser user, String messageKey) {
        if (!user.has(Role.PROJECT_OWNER)) {
            throw new PageProblem(HttpStatus.FORBIDDEN, messageKey);
        }
    }
}
