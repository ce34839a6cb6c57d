package nl.transparant.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.Organisation;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.RegisterFieldsValidator;
import nl.transparant.standard.RegisterStandard;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Moves an organisation's entries here from the national register: every row of a file is checked and written in one
 * transaction, which is rolled back when any row is refused (all or nothing per file). Idempotent by the
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

        ImportRefused(Report report, boolean stoppedEarly) {
            super(report.refused() + " of " + report.rows().size()
                    + " rows cannot be imported; nothing of this file was stored. Correct the rows listed and import the whole file again."
                    + (stoppedEarly ? " The import stopped after " + MAX_REFUSED_ROWS + " refused rows: the rest of the file was not read." : ""));
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

    private final EntityManager entityManager;

    RegisterImport(PublishedEntries entries, RegisterListing listing, RegisterStandard standard, RegisterFieldsValidator validator,
            OrganisationDirectory organisations, EntityManager entityManager) {
        this.entityManager = entityManager;
        this.entries = entries;
        this.listing = listing;
        this.standard = standard;
        this.validator = validator;
        this.organisations = organisations;
    }

    /**
     * Reads the file as a stream, one row at a time, and writes each new or changed version as it goes: memory holds
     * one row, the report and a digest per register id, whatever the size of the file. A refused row fails the whole
     * transaction at the end, so nothing of the file stays. One import at a time per organisation (a second is a 409):
     * two at once would race for the same register ids and versions.
     */
    @Transactional
    Report importFile(StaffUser staff, String organisationCode, Format format, InputStream file) {
        Organisation organisation = organisations.findById(organisationCode == null ? "" : organisationCode)
                .orElseThrow(() -> new NotFoundException("No organisation with code '" + organisationCode + "'."));
        if (!staff.has(Role.ADMIN) && !(staff.has(Role.REGISTER_PUBLISHER) && staff.serves(organisation.getCode()))) {
            throw new ForbiddenException("Only a register publisher of " + organisation.getName() + " or an administrator imports its entries.");
        }
        if (!running.add(organisation.getCode())) {
            throw new ConflictException("An import for " + organisation.getName() + " is running; wait until it has finished and import again.");
        }
        // released when the transaction is over, committed or rolled back: a second import then sees what the first stored
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                running.remove(organisation.getCode());
            }
        });
        RegisterImportFiles.Rows rows = format == Format.CSV ? RegisterImportFiles.csv(file, standard) : RegisterImportFiles.json(file);

        List<RowReport> reports = new ArrayList<>();
        Map<String, Latest> latestByLars = new HashMap<>();
        Instant now = Instant.now();
        int written = 0;
        RefusedRows refused = new RefusedRows();
        for (Map<String, Object> row = rows.next(); row != null; row = refused.enough(reports) ? null : rows.next()) {
            int rowNumber = reports.size() + 1;
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
            String digest = digest(fields);
            if (latest != null && latest.digest().equals(digest)) {
                reports.add(new RowReport(rowNumber, lars, name, Result.SKIPPED, latest.version(), "unchanged"));
                continue;
            }
            int version = latest == null ? 1 : latest.version() + 1;
            String caseId = latest == null ? "import:" + lars : latest.caseId();
            reports.add(latest == null
                    ? new RowReport(rowNumber, lars, name, Result.CREATED, version, "new register id")
                    : new RowReport(rowNumber, lars, name, Result.UPDATED, version, "changed: " + changedFields(fieldsOf(lars), fields)));
            latestByLars.put(lars, new Latest(caseId, organisation.getCode(), version, digest));
            listing.record(entries.save(new PublishedEntry(caseId, lars, version, organisation.getCode(), fields, now, staff.id())));
            if (++written % WRITES_PER_FLUSH == 0) {
                // the versions are in the database (uncommitted); the persistence context need not keep them as well
                entityManager.flush();
                entityManager.clear();
            }
        }
        if (reports.isEmpty()) {
            throw new InvalidInputException("The file holds no entries.");
        }
        Report report = Report.of(organisation.getCode(), reports);
        if (report.refused() > 0) {
            throw new ImportRefused(report, refused.enough(reports));
        }
        return report;
    }

    private static final int WRITES_PER_FLUSH = 200;

    /**
     * Past this many refused rows the file is not read further: the file is refused already, and a report of every row
     * of a file of millions of empty rows took gigabytes to build and send.
     */
    static final int MAX_REFUSED_ROWS = 1000;

    /** Counts the refused rows as the report grows, one row at a time. */
    private static final class RefusedRows {

        private int counted;
        private int refused;

        boolean enough(List<RowReport> reports) {
            for (; counted < reports.size(); counted++) {
                if (reports.get(counted).result() == Result.REFUSED) {
                    refused++;
                }
            }
            return refused >= MAX_REFUSED_ROWS;
        }
    }
    private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** The organisations whose import runs on this node. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    private record Latest(String caseId, String organisationCode, int version, String digest) {
    }

    /** Equal fields, equal digest, whatever the order of their keys: what "unchanged" compares without keeping the fields. */
    private static String digest(Map<String, Object> fields) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(fields)));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("Cannot digest an entry's fields", e);
        }
    }

    /** The latest version's fields, also one this import wrote a moment ago (it is flushed before the query). */
    private Map<String, Object> fieldsOf(String lars) {
        return entries.findFirstByLarsOrderByVersionNumberDesc(lars).map(PublishedEntry::getFields).orElse(Map.of());
    }

    private Latest stored(String lars) {
        Optional<PublishedEntry> entry = entries.findFirstByLarsOrderByVersionNumberDesc(lars);
        return entry.map(e -> new Latest(e.getCaseId(), e.getOrganisationCode(), e.getVersionNumber(), digest(e.getFields()))).orElse(null);
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
