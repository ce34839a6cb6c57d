package nl.transparant.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.site.FormProblems;
import nl.transparant.site.PageController;
import nl.transparant.site.PageProblem;
import nl.transparant.site.RegisterFieldForm;
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
 * The English texts of a case's register entry, the page form of {@code PUT /api/cases/{id}/english}. The same
 * people may use it as the API (project owners of the case's organisation, while the texts are theirs to edit),
 * decided in the same order: no owner role is a 403, another organisation's case a 404, a case under review a 409.
 * The texts go through {@link Cases#editEnglish}, so they are checked and sanitised exactly as the API does; a
 * refusal shows the form again with what was typed and each problem at its field.
 */
@PageController
@RequestMapping("/staff/cases/{id}/english")
class EnglishTextsPages {

    static final String VIEW = "cases/english";

    private final Cases cases;
    private final RegisterFieldForm form;
    private final nl.transparant.identity.PeopleNames people;
    private final org.springframework.context.MessageSource messages;

    EnglishTextsPages(Cases cases, RegisterFieldForm form, nl.transparant.identity.PeopleNames people,
            org.springframework.context.MessageSource messages) {
        this.people = people;
        this.messages = messages;
        this.cases = cases;
        this.form = form;
    }

    /** The values the form shows: typed (after a refusal) or stored (when opened), and the version they apply to. */
    record Input(Map<String, ?> fields, Long version) {
    }

    @GetMapping
    String show(StaffUser user, @PathVariable String id, Model model, Locale locale) {
        AlgorithmCase existing = editable(user, id);
        return render(existing, new Input(existing.getEnglishFields(), existing.getVersion()), FormProblems.none(), null, model,
                locale);
    }

    @PostMapping
    String save(StaffUser user, @PathVariable String id, @RequestParam MultiValueMap<String, String> posted, Model model,
            Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        Input input = new Input(form.readEnglish(posted), version(posted.getFirst("version")));
        if (!user.has(Role.PROJECT_OWNER)) {
            throw new PageProblem(HttpStatus.FORBIDDEN, "english.notOwner");
        }
        AlgorithmCase existing = cases.read(user, id);
        if (!existing.getStage().editableByOwner()) {
            // submitted (or moved into review) while this form was open: the typed texts stay on the page to copy, where a
            // general page lost them (outside tester)
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return render(existing, new Input(input.fields(), existing.getVersion()), FormProblems.none(), "case.form.conflictUnderReview",
                    model, locale);
        }
        try {
            cases.editEnglish(user, id, input.version(), input.fields());
            redirect.addFlashAttribute("flash", "flash.englishSaved");
            return "redirect:/staff/cases/" + existing.getId();
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return render(existing, input, FormProblems.of(e, locale), null, model, locale);
        } catch (ConflictException e) {
            // Someone saved in between (the stage was checked above): keep what this person typed, show the case's
            // current version so saving again is a deliberate choice to replace the other change
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            AlgorithmCase current = cases.read(user, id);
            OutOfDateForm notice = OutOfDateForm.of("english.form.conflict", current, user, people, input.version());
            model.addAttribute("noticeArg", notice.argument());
            // merged field by field with what the other saved, as the Dutch texts' form is (saving again put back the
            // old text of every field the other had changed: outside tester)
            Map<String, ?> typed = input.fields();
            // without a (readable) basis every field that differs from the stored one is pointed out
            nl.transparant.site.FormBasis.Merged merged = nl.transparant.site.FormBasis.merge(
                    nl.transparant.site.FormBasis.parse(posted.getFirst("basis"), input.version()).orElse(Map.of()), typed, current.getEnglishFields(),
                    form.translatableKeys());
            if (nl.transparant.site.FormBasis.parse(posted.getFirst("basis"), input.version()).isPresent()
                    && merged.takenOver().isEmpty() && merged.changedByBoth().isEmpty()) {
                // the English texts were not changed since the form was opened, only something else of the case (its
                // Dutch texts, say): saved over the current version at once (outside tester: sent back for nothing)
                try {
                    cases.editEnglish(user, id, current.getVersion(), merged.values());
                    redirect.addFlashAttribute("flash", "flash.englishSaved");
                    return "redirect:/staff/cases/" + current.getId();
                } catch (ConflictException | InvalidInputException meanwhile) {
                    // another change met this one: shown as a conflict below
                }
            }
            java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
            form.englishFields(Map.of(), FormProblems.none(), locale).forEach(field -> labels.put(field.key(), field.label()));
            model.addAttribute("takenOver", merged.takenOver().stream().map(key -> labels.getOrDefault(key, key)).toList());
            java.util.List<nl.transparant.problems.FieldProblem> both = new java.util.ArrayList<>();
            merged.changedByBoth().forEach((key, theirs) -> both.add(CaseFormPages.changedByBoth(key, theirs)));
            return render(current, new Input(merged.values(), current.getVersion()),
                    both.isEmpty() ? FormProblems.none() : FormProblems.of(both, null), notice.key(), model, locale);
        }
    }

    /** The API's rule: the owner role first (403), then the organisation (404), then the stage (409). */
    private AlgorithmCase editable(StaffUser user, String id) {
        if (!user.has(Role.PROJECT_OWNER)) {
            throw new PageProblem(HttpStatus.FORBIDDEN, "english.notOwner");
        }
        AlgorithmCase existing = cases.read(user, id);
        if (!existing.getStage().editableByOwner()) {
            throw new PageProblem(HttpStatus.CONFLICT, "case.edit.underReview");
        }
        return existing;
    }

    private String render(AlgorithmCase existing, Input input, FormProblems problems, String noticeKey, Model model, Locale locale) {
        model.addAttribute("existing", existing);
        model.addAttribute("input", input);
        // the Dutch texts, shown beside each input as the text to translate
        model.addAttribute("dutch", existing.getRegisterFields());
        model.addAttribute("fields", form.englishFields(input.fields(), problems, locale));
        model.addAttribute("problems", problems);
        // the version is a hidden field: its problem is named as what it is, not as "version" (outside tester)
        model.addAttribute("summary", form.summary(problems, locale, Map.of("version", messages.getMessage("case.form.version", null, locale))));
        model.addAttribute("noticeKey", noticeKey);
        // what this form is based on, field by field, so that a save refused because of a colleague's can be merged
        model.addAttribute("basis", nl.transparant.site.FormBasis.of(existing.getEnglishFields(), form.translatableKeys(), existing.getVersion()));
        model.addAttribute("pageUrl", "/staff/cases/" + existing.getId() + "/english");
        return VIEW;
    }

    /** A version that is no number counts as missing, which the service answers as a conflict instead of guessing. */
    private static Long version(String posted) {
        try {
            return posted == null ? null : Long.valueOf(posted.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
