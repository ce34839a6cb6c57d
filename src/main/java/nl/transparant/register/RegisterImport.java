package nl.transparant.register;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.Organisation;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.RegisterFieldsValidator;
import nl.transparant.standard.RegisterStandard;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves an organisation's entries here from the national register: every row of a file is checked first, and only
 * when all of them pass is anything written, in one transaction (all or nothing per file). Idempotent by the
 * national id (lars): the same fields again are skipped, changed fields become a new immutable version, a new lars
 * becomes version 1. Imported versions are written and listed like published ones, so they show in the public
 * register, its API, downloads and feed.
 */
@Component
class RegisterImport {

    enum Format {
        JSON, CSV
    }

    enum Result {
        CREATED, UPDATED, SKIPPED, REFUSED
    }

    record RowReport(int row, String lars, String name, Result result, Integer version, String reason) {
    }

    record Report(String organisation, int created, int updated, int skipped, int refused, List<RowReport> rows) {

        static Report of(String organisation, List<RowReport> rows) {
            Map<Result, Long> counts = rows.stream().collect(Collectors.groupingBy(RowReport::result, Collectors.counting()));
            return new Report(organisation, counts.getOrDefault(Result.CREATED, 0L).intValue(),
                    counts.getOrDefault(Result.UPDATED, 0L).intValue(), counts.getOrDefault(Result.SKIPPED, 0L).intValue(),
                    counts.getOrDefault(Result.REFUSED, 0L).intValue(), rows);
        }
    }

    /** At least one row was refused: nothing of the file was stored. */
    static class ImportRefused extends RuntimeException {

        private final transient Report report;

        ImportRefused(Report report) {
            super(report.refused() + " of " + report.rows().size()
                    + " rows cannot be imported; nothing of this file was stored. Correct the rows listed and import the whole file again.");
            this.report = report;
        }

        Report report() {
            return report;
        }
    }

    private final PublishedEntries entries;
    private final RegisterListing listing;
    private final RegisterStandard standard;
    private final RegisterFieldsValidator validator;
    private final OrganisationDirectory organisations;

    RegisterImport(PublishedEntries entries, RegisterListing listing, RegisterStandard standard, RegisterFieldsValidator validator,
            OrganisationDirectory organisations) {
        this.entries = entries;
        this.listing = listing;
        this.standard = standard;
        this.validator = validator;
        this.organisations = organisations;
    }

    @Transactional
    Report importFile(StaffUser staff, String organisationCode, Format format, byte[] file) {
        Organisation organisation = organisations.findById(organisationCode == null ? "" : organisationCode)
                .orElseThrow(() -> new NotFoundException("No organisation with code '" + organisationCode + "'."));
        if (!staff.has(Role.ADMIN) && !(staff.has(Role.REGISTER_PUBLISHER) && staff.serves(organisation.getCode()))) {
            throw new ForbiddenException("Only a register publisher of " + organisation.getName() + " or an administrator imports its entries.");
        }
        if (file == null || file.length == 0) {
            throw new InvalidInputException("The file is empty.");
        }
        List<Map<String, Object>> rows = format == Format.CSV ? RegisterImportFiles.csv(file, standard) : RegisterImportFiles.json(file);
        if (rows.isEmpty()) {
            throw new InvalidInputException("The file holds no entries.");
        }

        List<RowReport> reports = new ArrayList<>();
        List<PendingVersion> pending = new ArrayList<>();
        Map<String, Latest> latestByLars = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int rowNumber = i + 1;
            Map<String, Object> row = rows.get(i);
            String lars = text(row.get("lars"));
            String name = text(row.get("name"));
            Map<String, Object> fields;
            try {
                fields = ordered(validator.cleanImported(row));
            } catch (InvalidInputException e) {
                reports.add(new RowReport(rowNumber, lars, name, Result.REFUSED, null, describe(e.problems())));
                continue;
            }
            if (lars == null || !fields.containsKey("lars")) {
                reports.add(new RowReport(rowNumber, lars, name, Result.REFUSED, null,
                        "lars: The register id (Algoritme-ID) is needed: it is what makes a repeated import recognise the entry."));
                continue;
            }
            if (!organisation.getName().equals(fields.get("organization"))) {
                reports.add(new RowReport(rowNumber, lars, name, Result.REFUSED, null, "Belongs to \"" + fields.get("organization")
                        + "\", not to " + organisation.getName() + " (Organisatienaam / organization)."));
                continue;
            }
            Latest latest = latestByLars.computeIfAbsent(lars, this::stored);
            if (latest != null && !latest.organisationCode().equals(organisation.getCode())) {
                reports.add(new RowReport(rowNumber, lars, name, Result.REFUSED, null,
                        "This register id is another organisation's entry here."));
                continue;
            }
            if (latest != null && latest.fields().equals(fields)) {
                reports.add(new RowReport(rowNumber, lars, name, Result.SKIPPED, latest.version(), "unchanged"));
                continue;
            }
            int version = latest == null ? 1 : latest.version() + 1;
            String caseId = latest == null ? "import:" + lars : latest.caseId();
            latestByLars.put(lars, new Latest(caseId, organisation.getCode(), version, fields));
            pending.add(new PendingVersion(caseId, lars, version, fields));
            reports.add(latest == null
                    ? new RowReport(rowNumber, lars, name, Result.CREATED, version, "new register id")
                    : new RowReport(rowNumber, lars, name, Result.UPDATED, version, "changed: " + changedFields(latest.fields(), fields)));
        }
        Report report = Report.of(organisation.getCode(), reports);
        if (report.refused() > 0) {
            throw new ImportRefused(report);
        }
        Instant now = Instant.now();
        for (PendingVersion version : pending) {
            listing.record(entries.save(new PublishedEntry(version.caseId(), version.lars(), version.number(), organisation.getCode(),
                    version.fields(), now, staff.id())));
        }
        return report;
    }

    private record Latest(String caseId, String organisationCode, int version, Map<String, Object> fields) {
    }

    private record PendingVersion(String caseId, String lars, int number, Map<String, Object> fields) {
    }

    private Latest stored(String lars) {
        Optional<PublishedEntry> entry = entries.findFirstByLarsOrderByVersionNumberDesc(lars);
        return entry.map(e -> new Latest(e.getCaseId(), e.getOrganisationCode(), e.getVersionNumber(), e.getFields())).orElse(null);
    }

    /** The standard's order, as publication stores it, so that the same entry always reads back the same. */
    private Map<String, Object> ordered(Map<String, Object> cleaned) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (FieldDefinition field : standard.fields()) {
            if (cleaned.containsKey(field.key())) {
                ordered.put(field.key(), cleaned.get(field.key()));
            }
        }
        return ordered;
    }

    private static String changedFields(Map<String, Object> before, Map<String, Object> after) {
        List<String> keys = new ArrayList<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                keys.add(k);
            }
        });
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(keys::add);
        return String.join(", ", keys);
    }

    private static String describe(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining(" "));
    }

    private static String text(Object value) {
        return value instanceof String s ? s : value == null ? null : String.valueOf(value);
    }
}
