package nl.transparant.organisations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.problems.PlainText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administrators create and change organisations. An organisation is never deleted: its cases, entries and log records
 * keep naming it; it is switched off ({@code active} false) instead. Every change is published as
 * {@link OrganisationChanged} in the transaction that stores it.
 */
@Service
public class Organisations {

    private final OrganisationDirectory directory;
    private final ApplicationEventPublisher events;

    Organisations(OrganisationDirectory directory, ApplicationEventPublisher events) {
        this.directory = directory;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public List<OrganisationData> all(StaffUser admin) {
        requireAdmin(admin);
        return directory.allByName().stream().map(Organisation::data).toList();
    }

    @Transactional(readOnly = true)
    public OrganisationData get(StaffUser admin, String code) {
        requireAdmin(admin);
        return find(code).data();
    }

    @Transactional
    public OrganisationData create(StaffUser admin, OrganisationData input) {
        requireAdmin(admin);
        OrganisationData wanted = OrganisationRules.normalised(input);
        Map<String, OrganisationData> all = stored();
        if (wanted.code() != null && all.containsKey(wanted.code())) {
            throw ConflictException.of("problem.organisation.codeTaken", wanted.code());
        }
        check(wanted, all);
        Organisation created = new Organisation(wanted.code());
        created.apply(wanted);
        store(() -> directory.save(created));
        events.publishEvent(changed(admin, null, created.data()));
        return created.data();
    }

    /**
     * An organisation the national register's import meets for the first time (its national id, name and type from
     * the dump's organisation details): the code made from its name, the type the national one when this application
     * knows it, else the one its national id implies. Check {@link #refusalToCreate} first: a refusal here would spoil
     * the import's transaction.
     */
    @Transactional
    public OrganisationData createFromNationalRegister(StaffUser admin, String name, String nationalId, String type) {
        return create(admin, planned(name, nationalId, type));
    }

    /**
     * Why {@link #createFromNationalRegister} would refuse this organisation now (each problem with its key, so the
     * report tells it in the reader's language); empty when it would not.
     */
    public Optional<List<FieldProblem>> refusalToCreate(String name, String nationalId, String type) {
        OrganisationData wanted = OrganisationRules.normalised(planned(name, nationalId, type));
        List<FieldProblem> problems = OrganisationRules.formProblems(wanted);
        if (!problems.isEmpty()) {
            return Optional.of(problems);
        }
        return OrganisationRules.duplicate(wanted, stored()).map(List::of);
    }

    private OrganisationData planned(String name, String nationalId, String type) {
        Map<String, OrganisationData> all = stored();
        String code = name == null || name.isBlank() ? null : OrganisationCodes.fromName(name, all::containsKey);
        String known = type != null && OrganisationRules.TYPES.stream().anyMatch(t -> t.equalsIgnoreCase(type.strip())) ? type
                : typeOf(nationalId);
        return new OrganisationData(code, name, nationalId, known, null, null, null, true, null);
    }

    private static String typeOf(String nationalId) {
        String id = nationalId == null ? "" : nationalId.toLowerCase(Locale.ROOT);
        return id.startsWith("gm") ? "Gemeente" : id.startsWith("pv") ? "Provincie" : id.startsWith("ws") ? "Waterschap"
                : id.startsWith("mnre") ? "Ministerie" : id.startsWith("zb") ? "Zelfstandig bestuursorgaan" : "Overig";
    }

    /** The code in the address is the one changed; a code in the body must be the same (codes never change). */
    @Transactional
    public OrganisationData update(StaffUser admin, String code, OrganisationData input) {
        requireAdmin(admin);
        Organisation existing = find(code);
        if (input.code() != null && !input.code().isBlank() && !input.code().strip().equalsIgnoreCase(code)) {
            throw InvalidInputException.of("problem.organisation.codeNeverChanges",
                    List.of(FieldProblem.of("code", "problem.organisation.codeOfAddress", code)));
        }
        OrganisationData wanted = OrganisationRules.normalised(new OrganisationData(existing.getCode(), input.name(), input.nationalId(),
                input.type(), input.tooiUri(), input.kvk(), input.partOf(), input.active(), input.serves()));
        OrganisationData before = existing.data();
        if (before.equals(wanted)) {
            return before;
        }
        check(wanted, stored());
        store(() -> existing.apply(wanted));
        events.publishEvent(changed(admin, before, existing.data()));
        return existing.data();
    }

    private void check(OrganisationData wanted, Map<String, OrganisationData> stored) {
        List<FieldProblem> problems = new ArrayList<>(OrganisationRules.formProblems(wanted));
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.fields.someInvalid", problems);
        }
        OrganisationRules.duplicate(wanted, stored).ifPresent(duplicate -> {
            throw ConflictException.of(duplicate.key(), duplicate.arguments().toArray());
        });
        Map<String, OrganisationData> planned = new LinkedHashMap<>(stored);
        planned.put(wanted.code(), wanted);
        problems.addAll(OrganisationRules.referenceProblems(wanted, planned));
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.fields.someInvalid", problems);
        }
    }

    /**
     * Flushes the change now: the unique keys decide between two administrators storing the same code, national id or
     * name at the same moment, and the one who loses gets a 409 instead of an error at commit.
     */
    void store(Runnable change) {
        try {
            change.run();
            directory.flush();
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("Another organisation with this code, national id or name was stored at the same moment. "
                    + "Reload and try again.");
        }
    }

    Map<String, OrganisationData> stored() {
        Map<String, OrganisationData> all = new LinkedHashMap<>();
        directory.findAll().forEach(o -> all.put(o.getCode(), o.data()));
        return all;
    }

    private Organisation find(String code) {
        return directory.findById(code == null ? "" : code)
                .orElseThrow(() -> NotFoundException.of("problem.organisation.notFound", PlainText.echoed(code)));
    }

    static OrganisationChanged changed(StaffUser actor, OrganisationData before, OrganisationData after) {
        String change = before == null ? "created"
                : before.active() && !after.active() ? "deactivated"
                : !before.active() && after.active() ? "reactivated" : "updated";
        String roles = actor == null ? null : String.join(",", new TreeSet<>(actor.roleNames()));
        return new OrganisationChanged(actor == null ? null : actor.id(), roles, after.code(), change, before, after);
    }

    static void requireAdmin(StaffUser user) {
        if (user == null || !user.has(Role.ADMIN)) {
            throw new ForbiddenException("Only an administrator manages organisations.", "problem.organisations.adminOnly");
        }
    }
}
