package nl.transparant.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import nl.transparant.organisations.Organisations;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.problems.Wording;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.PublicationDates;
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
 * register, its API, downloads and feed. An administrator also imports the national register's whole download across
 * organisations ({@link #importNational}), all or nothing per organisation or per file.
 */
@Component
class RegisterImport {

    enum Format {
        JSON, CSV
    }

    enum Result {
        CREATED, UPDATED, SKIPPED, REFUSED,
        /** Could be imported, but another row of its organisation (or with atomic=file, of the file) was refused. */
        NOT_STORED
    }

    /** {@code notes}: what was read or ignored on the way in (the national register's own keys, an older standard's values). */
    record RowReport(int row, String lars, String name, Result result, Integer version, Wording reason, List<Wording> notes) {
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

        private final transient Wording detail;

        ImportRefused(Report report, boolean stoppedEarly) {
            this(report, stoppedEarly ? Wording.of("import.refused.stoppedEarly", report.refused(), report.rows().size(), MAX_REFUSED_ROWS)
                    : Wording.of("import.refused.rows", report.refused(), report.rows().size()));
        }

        private ImportRefused(Report report, Wording detail) {
            super(detail.in(java.util.Locale.ENGLISH));
            this.report = report;
            this.detail = detail;
        }

        /** Why, in the reader's language. */
        Wording detail() {
            return detail;
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
    private final Organisations organisationAdmin;

    private final EntityManager entityManager;

    RegisterImport(PublishedEntries entries, RegisterListing listing, RegisterStandard standard, RegisterFieldsValidator validator,
            OrganisationDirectory organisations, Organisations organisationAdmin, EntityManager entityManager) {
        this.organisationAdmin = organisationAdmin;
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
                .orElseThrow(() -> NotFoundException.of("problem.organisation.notFound", nl.transparant.problems.PlainText.echoed(organisationCode)));
        if (!staff.has(Role.ADMIN) && !(staff.has(Role.REGISTER_PUBLISHER) && staff.serves(organisation.getCode()))) {
            throw new ForbiddenException("Only a register publisher of the organisation or an administrator imports its entries.",
                    "problem.registerImport.notYours");
        }
        if (!running.add(organisation.getCode())) {
            throw ConflictException.of("problem.registerImport.running", organisation.getName());
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
        Writer writer = new Writer(staff);
        RefusedRows refused = new RefusedRows();
        for (Map<String, Object> raw = rows.next(); raw != null; raw = refused.enough(reports) ? null : rows.next()) {
            int rowNumber = reports.size() + 1;
            Checked row = check(raw, rowNumber);
            if (row.refusal() != null) {
                reports.add(row.refusal());
            } else if (!organisation.getName().equals(row.fields().get("organization"))) {
                reports.add(row.refused(Wording.of("import.reason.otherOrganisation", String.valueOf(row.fields().get("organization")),
                        organisation.getName())));
            } else {
                reports.add(writer.write(row, organisation.getCode()));
            }
        }
        if (reports.isEmpty()) {
            throw InvalidInputException.of("problem.registerImport.noEntries", List.of());
        }
        Report report = Report.of(organisation.getCode(), reports);
        if (report.refused() > 0) {
            throw new ImportRefused(report, refused.enough(reports));
        }
        return report;
    }

    /** A row read and checked; {@code refusal} set when it cannot be imported. */
    private record Checked(int number, String lars, String name, String nationalId, Map<String, Object> fields, List<Wording> notes,
            RowReport refusal) {

        RowReport refused(Wording reason) {
            return new RowReport(number, lars, name, Result.REFUSED, null, reason, notes);
        }
    }

    /** The row as standard 1.0 (see {@link NationalRecords}), cleaned and checked on its own, before any organisation is matched. */
    private Checked check(Map<String, Object> raw, int number) {
        String lars = text(raw.get("lars"));
        String name = text(raw.get("name"));
        NationalRecords.Read read = NationalRecords.read(raw, standard);
        List<FieldProblem> problems = new ArrayList<>(read.problems());
        Map<String, Object> fields = Map.of();
        try {
            fields = ordered(validator.cleanImported(read.row()));
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            return new Checked(number, lars, name, read.nationalId(), fields, read.notes(),
                    new RowReport(number, lars, name, Result.REFUSED, null, describe(problems), read.notes()));
        }
        if (lars == null || !fields.containsKey("lars")) {
            return new Checked(number, lars, name, read.nationalId(), fields, read.notes(), new RowReport(number, lars, name, Result.REFUSED,
                    null, Wording.of("import.reason.noLars"), read.notes()));
        }
        return new Checked(number, lars, name, read.nationalId(), fields, read.notes(), null);
    }

    /**
     * Writes checked rows: the same fields again are skipped, changed ones become the next version. The version's
     * publication date is the file's {@code publication_dt} (the day it was published there), the moment of the import
     * only when the file has none.
     */
    private final class Writer {
        private final StaffUser staff;
        private final Map<String, Latest> latestByLars = new HashMap<>();
        private final Instant now = Instant.now();
        private int written;

        Writer(StaffUser staff) {
            this.staff = staff;
        }

        RowReport write(Checked row, String organisationCode) {
            String lars = row.lars();
            Latest latest = latestByLars.computeIfAbsent(lars, RegisterImport.this::stored);
            if (latest != null && !latest.organisationCode().equals(organisationCode)) {
                return row.refused(Wording.of("import.reason.othersLars"));
            }
            String digest = digest(row.fields());
            if (latest != null && latest.digest().equals(digest)) {
                return new RowReport(row.number(), lars, row.name(), Result.SKIPPED, latest.version(), Wording.of("import.reason.unchanged"), row.notes());
            }
            if (latest != null && latest.reviewedHere()) {
                return row.refused(REVIEWED_HERE);
            }
            boolean first = latest == null;
            int version = first ? 1 : latest.version() + 1;
            String caseId = first ? IMPORTED_CASE_PREFIX + lars : latest.caseId();
            RowReport report = first
                    ? new RowReport(row.number(), lars, row.name(), Result.CREATED, version, Wording.of("import.reason.new"), row.notes())
                    : new RowReport(row.number(), lars, row.name(), Result.UPDATED, version,
                            Wording.of("import.reason.changed", changedFields(fieldsOf(lars), row.fields())), row.notes());
            latestByLars.put(lars, new Latest(caseId, organisationCode, version, digest));
            Instant publishedAt = PublicationDates.instant(row.fields().get("publication_dt")).orElse(now);
            listing.record(entries.save(new PublishedEntry(caseId, lars, version, organisationCode, row.fields(), publishedAt, staff.id())));
            if (++written % WRITES_PER_FLUSH == 0) {
                // the versions are in the database (uncommitted); the persistence context need not keep them as well
                entityManager.flush();
                entityManager.clear();
            }
            return report;
        }
    }


    /**
     * One organisation's part of an import across organisations: {@code organisation} is its code here (null when it
     * is not here and was not created), {@code stored} whether its rows were written.
     */
    record OrganisationReport(String organisation, String name, String nationalId, boolean organisationCreated, boolean stored,
            int created, int updated, int skipped, int refused, List<RowReport> rows) {
    }

    record NationalReport(String atomic, int organisationsCreated, int created, int updated, int skipped, int refused,
            List<OrganisationReport> organisations) {
    }

    /** Rows were refused and nothing of the file was stored. */
    static class NationalImportRefused extends RuntimeException {

        private final transient NationalReport report;

        NationalImportRefused(NationalReport report) {
            this(report, false);
        }

        private final transient Wording detail;

        NationalImportRefused(NationalReport report, boolean stoppedEarly) {
            this(report, stoppedEarly ? Wording.of("import.refused.nationalStoppedEarly", report.refused(), MAX_REFUSED_ROWS)
                    : Wording.of("import.refused.nationalRows", report.refused()));
        }

        private NationalImportRefused(NationalReport report, Wording detail) {
            super(detail.in(java.util.Locale.ENGLISH));
            this.report = report;
            this.detail = detail;
        }

        /** Why, in the reader's language. */
        Wording detail() {
            return detail;
        }

        NationalReport report() {
            return report;
        }
    }

    /** The organisation rows belong to, as far as the file says: its national id, its name and type from the details. */
    private static final class Group {
        final String key;
        String code;
        final String name;
        final String nationalId;
        final String type;
        /** Why none of its rows can be imported (not here and not to be created, or not creatable); null when they can. */
        Wording refusal;
        boolean created;
        boolean stored;
        final List<RowReport> rows = new ArrayList<>();
        int cursor;

        Group(String key, String code, String name, String nationalId, String type) {
            this.key = key;
            this.code = code;
            this.name = name;
            this.nationalId = nationalId;
            this.type = type;
        }

        long refused() {
            return rows.stream().filter(r -> r.result() == Result.REFUSED).count();
        }

        OrganisationReport report() {
            Map<Result, Long> counts = rows.stream().collect(Collectors.groupingBy(RowReport::result, Collectors.counting()));
            return new OrganisationReport(code, name, nationalId, created, stored, counts.getOrDefault(Result.CREATED, 0L).intValue(),
                    counts.getOrDefault(Result.UPDATED, 0L).intValue(), counts.getOrDefault(Result.SKIPPED, 0L).intValue(),
                    counts.getOrDefault(Result.REFUSED, 0L).intValue(), rows);
        }
    }

    private record Detail(String nationalId, String type) {
    }

    /**
     * The national register's whole download across organisations, for an administrator: each row goes to the
     * organisation with its national id (the row's own org id key, else the dump's organisation details for its
     * organisation name) or, failing that, its name; one that is not here is created when asked, otherwise its rows are
     * refused. All or nothing per organisation (a refused row keeps its organisation's rows out, not the others'), or
     * for the whole file when {@code atomicFile}.
     * <p>
     * The body is kept in a temporary file and read three times (organisation details, checks, writes), one row at a
     * time: the details may follow the versions, and no row is written before every row of its organisation is known to
     * be good. So nothing needs rolling back and memory does not grow with the file.
     */
    @Transactional
    NationalReport importNational(StaffUser staff, Format format, InputStream body, boolean createOrganisations, boolean atomicFile) {
        if (!staff.has(Role.ADMIN)) {
            throw new ForbiddenException("Only an administrator imports the national register across organisations; "
                    + "a register publisher imports their own organisation's file with organisation=<code>.", "problem.registerImport.nationalAdminOnly");
        }
        if (!running.add(NATIONAL)) {
            throw ConflictException.of("problem.registerImport.nationalRunning");
        }
        Set<String> locked = ConcurrentHashMap.newKeySet();
        locked.add(NATIONAL);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                running.removeAll(locked);
            }
        });
        Path file = spooled(body);
        try {
            Map<String, Detail> details = format == Format.JSON ? details(file) : Map.of();
            Map<String, Group> groups = new LinkedHashMap<>();
            Map<String, Group> groupOf = new HashMap<>();
            List<Group> rowGroups = new ArrayList<>();
            Map<String, String> holders = new HashMap<>();
            int[] refusedSoFar = {0};
            readRows(file, format, (raw, number) -> {
                Checked row = check(raw, number);
                Group group = group(row, raw, details, groups, groupOf, createOrganisations);
                rowGroups.add(group);
                if (row.refusal() != null) {
                    group.rows.add(row.refusal());
                } else if (group.refusal != null) {
                    group.rows.add(row.refused(group.refusal));
                } else if (!group.key.equals(holders.computeIfAbsent(row.lars(), lars -> entries.findFirstByLarsOrderByVersionNumberDesc(lars)
                        .map(PublishedEntry::getOrganisationCode).orElse(group.key)))) {
                    group.rows.add(row.refused(Wording.of("import.reason.othersLarsOrEarlierRow")));
                } else if (changesAReviewedEntry(row)) {
                    group.rows.add(row.refused(REVIEWED_HERE));
                } else {
                    group.rows.add(new RowReport(number, row.lars(), row.name(), Result.NOT_STORED, null,
                            Wording.of(atomicFile ? "import.reason.notStoredFile" : "import.reason.notStoredOrganisation"), row.notes()));
                }
                if (group.rows.get(group.rows.size() - 1).result() == Result.REFUSED) {
                    refusedSoFar[0]++;
                }
                // a file of mostly refused rows is answered after the first thousand, its report and memory bounded
                return refusedSoFar[0] < MAX_REFUSED_ROWS;
            });
            if (rowGroups.isEmpty()) {
                throw InvalidInputException.of("problem.registerImport.noEntries", List.of());
            }
            if (refusedSoFar[0] >= MAX_REFUSED_ROWS) {
                // the rest of the file was not read, so no organisation's rows are known to be whole: nothing is stored
                groups.values().forEach(g -> g.stored = false);
                throw new NationalImportRefused(nationalReport(groups, atomicFile), true);
            }
            long refused = groups.values().stream().mapToLong(Group::refused).sum();
            groups.values().forEach(g -> g.stored = atomicFile ? refused == 0 : g.refused() == 0);
            if (groups.values().stream().noneMatch(g -> g.stored)) {
                throw new NationalImportRefused(nationalReport(groups, atomicFile));
            }
            for (Group group : groups.values()) {
                if (group.stored && group.code != null) {
                    if (!running.add(group.code)) {
                        throw ConflictException.of("problem.registerImport.running", group.name);
                    }
                    locked.add(group.code);
                }
            }
            // the checks only read: nothing in the persistence context needs to stay, and each organisation created
            // below flushes, which would otherwise compare every entry read so far
            entityManager.clear();
            for (Group group : groups.values()) {
                if (group.stored && group.code == null) {
                    group.code = organisationAdmin.createFromNationalRegister(staff, group.name, group.nationalId, group.type).code();
                    group.created = true;
                }
            }
            Writer writer = new Writer(staff);
            readRows(file, format, (raw, number) -> {
                Group group = rowGroups.get(number - 1);
                if (!group.stored) {
                    return true;
                }
                RowReport written = writer.write(check(raw, number), group.code);
                if (written.result() == Result.REFUSED) {
                    // checked a moment ago: the register changed meanwhile, and a half-imported organisation is no option
                    throw ConflictException.of("problem.registerImport.changedMeanwhile", written.reason());
                }
                group.rows.set(group.cursor++, written);
                return true;
            });
            return nationalReport(groups, atomicFile);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the temporary folder is cleaned by the system; the import's outcome does not depend on it
            }
        }
    }

    private static final String NATIONAL = "*national*";

    private static NationalReport nationalReport(Map<String, Group> groups, boolean atomicFile) {
        List<OrganisationReport> reports = groups.values().stream().map(Group::report).toList();
        return new NationalReport(atomicFile ? "file" : "organisation", (int) groups.values().stream().filter(g -> g.created).count(),
                reports.stream().mapToInt(OrganisationReport::created).sum(), reports.stream().mapToInt(OrganisationReport::updated).sum(),
                reports.stream().mapToInt(OrganisationReport::skipped).sum(), reports.stream().mapToInt(OrganisationReport::refused).sum(),
                reports);
    }

    private Group group(Checked row, Map<String, Object> raw, Map<String, Detail> details, Map<String, Group> groups,
            Map<String, Group> groupOf, boolean createOrganisations) {
        String name = row.fields().get("organization") instanceof String n ? n : text(raw.get("organization"));
        Detail detail = name == null ? null : details.get(name);
        String nationalId = row.nationalId() != null ? row.nationalId() : detail == null ? null : detail.nationalId();
        return groupOf.computeIfAbsent(nationalId + "|" + name, k -> {
            Optional<Organisation> here = nationalId != null ? organisations.findByNationalId(nationalId) : Optional.empty();
            if (here.isEmpty() && name != null) {
                here = organisations.findByName(name);
            }
            if (here.isPresent()) {
                Organisation o = here.get();
                return groups.computeIfAbsent(o.getCode(), c -> new Group(c, c, o.getName(), o.getNationalId(), o.getOrganisationType()));
            }
            String key = "new:" + (nationalId != null ? nationalId : name == null ? "" : name.toLowerCase(Locale.ROOT));
            return groups.computeIfAbsent(key, c -> {
                Detail known = nationalId == null ? null : details.get(nationalId);
                String type = detail != null ? detail.type() : known == null ? null : known.type();
                Group group = new Group(c, null, name, nationalId, type);
                if (name == null) {
                    group.refusal = Wording.of("import.reason.noOrganisationName");
                } else if (!createOrganisations) {
                    group.refusal = nationalId == null ? Wording.of("import.reason.noSuchOrganisation", name)
                            : Wording.of("import.reason.noSuchOrganisationOrId", nationalId, name);
                } else {
                    organisationAdmin.refusalToCreate(name, nationalId, type)
                            .ifPresent(problems -> group.refusal = Wording.of("import.reason.cannotCreateOrganisation", name, describe(problems)));
                }
                return group;
            });
        });
    }

    /** The organisation details by name (official, preferred) and by national id. */
    private static Map<String, Detail> details(Path file) {
        Map<String, Detail> details = new HashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Map<String, Object> d : RegisterImportFiles.organisationDetails(in)) {
                String id = null;
                for (String key : List.of("org_id", "organisation_id", "id")) {
                    if (id == null && d.get(key) instanceof String s && !s.isBlank()) {
                        id = s.strip().toLowerCase(Locale.ROOT);
                    }
                }
                String type = d.get("type") instanceof String t ? t : d.get("org_type") instanceof String t ? t : null;
                Detail detail = new Detail(id, type);
                for (String key : List.of("name", "official_name", "preferred_name", "show_name")) {
                    if (d.get(key) instanceof String n && !n.isBlank()) {
                        details.putIfAbsent(n.strip(), detail);
                    }
                }
                if (id != null) {
                    details.putIfAbsent(id, detail);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return details;
    }

    /** Handles one row; answers whether to read on. */
    private interface RowHandler {
        boolean handle(Map<String, Object> raw, int number);
    }

    private void readRows(Path file, Format format, RowHandler handler) {
        try (InputStream in = Files.newInputStream(file)) {
            RegisterImportFiles.Rows rows = format == Format.CSV ? RegisterImportFiles.csv(in, standard) : RegisterImportFiles.json(in);
            int number = 0;
            for (Map<String, Object> raw = rows.next(); raw != null && handler.handle(raw, ++number); raw = rows.next()) {
                // the handler did the work
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body in a temporary file: it is read more than once. The request filters hold it to 64 MB. */
    private static Path spooled(InputStream body) {
        try {
            Path file = Files.createTempFile("national-import-", ".upload");
            try {
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        } catch (IOException e) {
            // the connection broke off while the file was still coming in
            throw new UncheckedIOException(e);
        }
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

        /** Published from a case reviewed here, not imported: only a change through that case's review may alter it. */
        boolean reviewedHere() {
            return !caseId.startsWith(IMPORTED_CASE_PREFIX);
        }
    }

    private static final String IMPORTED_CASE_PREFIX = "import:";
    /** Why an import may not change an entry this register's review published (found by a newcomer: it could, unseen). */
    static final Wording REVIEWED_HERE = Wording.of("import.reason.reviewedHere");

    /** Whether this row would change an entry published here after a review (the import must leave it as it is). */
    private boolean changesAReviewedEntry(Checked row) {
        Latest latest = stored(row.lars());
        return latest != null && latest.reviewedHere() && !latest.digest().equals(digest(row.fields()));
    }

    /**
     * Equal fields, equal digest, whatever the order of their keys: what "unchanged" compares without keeping the
     * fields. An empty value counts as missing: the CSV cannot tell them apart, so the same entry from the JSON dump
     * and from the CSV is the same.
     */
    private static String digest(Map<String, Object> fields) {
        Map<String, Object> filled = new LinkedHashMap<>(fields);
        filled.values().removeIf(v -> "".equals(v) || v instanceof java.util.Collection<?> c && c.isEmpty());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(filled)));
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

    /** Each field's problem as "field: problem", in the reader's language where the problem has a key. */
    private static Wording describe(List<FieldProblem> problems) {
        return Wording.ofProblems(problems, field -> field);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : value == null ? null : String.valueOf(value);
    }
}
