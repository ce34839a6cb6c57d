package nl.transparant.organisations;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.PlainText;
import nl.transparant.problems.ProblemTexts;
import nl.transparant.problems.Wording;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads a whole region's organisations from one CSV file (RFC 4180, UTF-8, a header row): columns {@code national_id},
 * {@code name}, {@code type}, {@code parent} (national id or code of the parent organisation), and optionally
 * {@code code}, {@code tooi_uri}, {@code kvk} and {@code serves} (national ids or codes, separated by spaces).
 *
 * <p>A row is the organisation with its national id, else with its code, else with its name (one without a national id,
 * which so gets the row's); a new one gets the code
 * in the file or one made from its name ({@link OrganisationCodes}). All or nothing: when any row is refused, nothing
 * is stored and the report says why per row. Loading the same file again changes nothing (every row unchanged).
 */
@Service
public class OrganisationFile {

    static final List<String> REQUIRED = List.of("national_id", "name", "type", "parent");
    static final List<String> OPTIONAL = List.of("code", "tooi_uri", "kvk", "serves");

    private final Organisations organisations;
    private final OrganisationDirectory directory;
    private final ApplicationEventPublisher events;

    OrganisationFile(Organisations organisations, OrganisationDirectory directory, ApplicationEventPublisher events) {
        this.organisations = organisations;
        this.directory = directory;
        this.events = events;
    }

    public enum Result {
        CREATED, UPDATED, UNCHANGED, REFUSED
    }

    public record Row(int row, String nationalId, String name, String code, Result result, Wording reason) {
    }

    public record Report(List<Row> rows, long created, long updated, long unchanged, long refused) {

        static Report of(List<Row> rows) {
            Map<Result, Long> counts = rows.stream().collect(Collectors.groupingBy(Row::result, Collectors.counting()));
            return new Report(rows, counts.getOrDefault(Result.CREATED, 0L), counts.getOrDefault(Result.UPDATED, 0L),
                    counts.getOrDefault(Result.UNCHANGED, 0L), counts.getOrDefault(Result.REFUSED, 0L));
        }
    }

    /** Some rows were refused; nothing of the file was stored. */
    public static class ImportRefused extends RuntimeException {

        private final transient Report report;

        ImportRefused(Report report) {
            super(ProblemTexts.text("problem.organisationFile.refused", List.of(report.refused(), report.rows().size()), ProblemTexts.DUTCH));
            this.report = report;
        }

        public Report report() {
            return report;
        }
    }

    /** One row as read, with the cells of the columns the file has. */
    private record Line(int row, Map<String, String> cells) {

        String get(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.strip();
        }

        boolean has(String column) {
            return cells.containsKey(column);
        }
    }

    @Transactional
    public Report importFile(StaffUser admin, byte[] file) {
        Organisations.requireAdmin(admin);
        List<Line> lines = read(file);
        Map<String, OrganisationData> stored = organisations.stored();
        Map<String, OrganisationData> planned = new LinkedHashMap<>(stored);
        Map<Integer, String> codeOfRow = new HashMap<>();
        Map<Integer, Wording> refusals = new LinkedHashMap<>();
        Map<String, Integer> rowOfCode = new HashMap<>();
        // first every row gets its organisation's code, so parents and served ones may come later in the file
        for (Line line : lines) {
            Optional<OrganisationData> existing = existing(line, planned);
            String given = line.get("code") == null ? null : line.get("code").toLowerCase(Locale.ROOT);
            if (existing.isPresent() && given != null && !given.equals(existing.get().code())) {
                refusals.put(line.row(), Wording.of("problem.organisationFile.codeNeverChanges", existing.get().code()));
                continue;
            }
            String code = existing.map(OrganisationData::code)
                    .orElseGet(() -> given != null ? given : line.get("name") == null ? null
                            : OrganisationCodes.fromName(line.get("name"), planned::containsKey));
            if (code == null) {
                refusals.put(line.row(), Wording.of("problem.fieldAndProblem", "name", Wording.of("problem.field.requiredValue")));
                continue;
            }
            if (rowOfCode.containsKey(code)) {
                refusals.put(line.row(), Wording.of("problem.organisationFile.sameAsRow", rowOfCode.get(code)));
                continue;
            }
            rowOfCode.put(code, line.row());
            codeOfRow.put(line.row(), code);
            planned.put(code, OrganisationRules.normalised(draft(code, line, stored.get(code), null, List.of())));
        }
        // then each row as it will be, checked against every organisation as it will be
        for (Line line : lines) {
            String code = codeOfRow.get(line.row());
            if (code == null) {
                continue;
            }
            OrganisationData before = stored.get(code);
            String parent = line.get("parent") == null ? null : reference(line.get("parent"), planned);
            List<String> serves = !line.has("serves") && before != null ? before.serves()
                    : line.get("serves") == null ? List.of()
                    : Arrays.stream(line.get("serves").split("\\s+")).map(r -> reference(r, planned)).toList();
            planned.put(code, OrganisationRules.normalised(draft(code, line, before, parent, serves)));
        }
        List<Row> rows = new ArrayList<>();
        for (Line line : lines) {
            String code = codeOfRow.get(line.row());
            if (code == null) {
                rows.add(new Row(line.row(), line.get("national_id"), line.get("name"), line.get("code"), Result.REFUSED,
                        refusals.get(line.row())));
                continue;
            }
            OrganisationData wanted = planned.get(code);
            List<FieldProblem> problems = new ArrayList<>(OrganisationRules.formProblems(wanted));
            if (problems.isEmpty()) {
                OrganisationRules.duplicate(wanted, planned).ifPresent(problems::add);
                problems.addAll(OrganisationRules.referenceProblems(wanted, planned));
            }
            OrganisationData before = stored.get(code);
            Result result = !problems.isEmpty() ? Result.REFUSED
                    : before == null ? Result.CREATED : before.equals(wanted) ? Result.UNCHANGED : Result.UPDATED;
            rows.add(new Row(line.row(), wanted.nationalId(), wanted.name(), code, result, Wording.ofProblems(problems, OrganisationFile::column)));
        }
        Report report = Report.of(rows);
        if (report.refused() > 0) {
            throw new ImportRefused(report);
        }
        store(admin, rows, stored, planned);
        return report;
    }

    /**
     * New organisations first without their references (a parent may be another new row), then every created and
     * changed one as planned; each change is published once, with what it was and what it is.
     */
    private void store(StaffUser admin, List<Row> rows, Map<String, OrganisationData> stored, Map<String, OrganisationData> planned) {
        List<Row> changed = rows.stream().filter(r -> r.result() == Result.CREATED || r.result() == Result.UPDATED).toList();
        organisations.store(() -> changed.stream().filter(row -> row.result() == Result.CREATED).forEach(row -> {
            OrganisationData wanted = planned.get(row.code());
            Organisation created = new Organisation(row.code());
            created.apply(new OrganisationData(row.code(), wanted.name(), wanted.nationalId(), wanted.type(), wanted.tooiUri(),
                    wanted.kvk(), null, wanted.active(), List.of()));
            directory.save(created);
        }));
        organisations.store(() -> changed.forEach(row -> directory.findById(row.code()).orElseThrow().apply(planned.get(row.code()))));
        for (Row row : changed) {
            events.publishEvent(Organisations.changed(admin, stored.get(row.code()), planned.get(row.code())));
        }
    }

    /** What a row says, over what is stored: a column the file does not have keeps the stored value. */
    private static OrganisationData draft(String code, Line line, OrganisationData before, String parent, List<String> serves) {
        return new OrganisationData(code, line.get("name"), line.get("national_id"), line.get("type"),
                line.has("tooi_uri") || before == null ? line.get("tooi_uri") : before.tooiUri(),
                line.has("kvk") || before == null ? line.get("kvk") : before.kvk(),
                parent, before == null || before.active(), serves);
    }

    private static Optional<OrganisationData> existing(Line line, Map<String, OrganisationData> planned) {
        String nationalId = line.get("national_id") == null ? null : line.get("national_id").toLowerCase(Locale.ROOT);
        String code = line.get("code") == null ? null : line.get("code").toLowerCase(Locale.ROOT);
        String name = line.get("name");
        return planned.values().stream().filter(o -> nationalId != null && nationalId.equals(o.nationalId())).findFirst()
                .or(() -> Optional.ofNullable(code == null ? null : planned.get(code)))
                // by name only where that cannot mix up two national ids: so a file gives an organisation its national id
                .or(() -> planned.values().stream()
                        .filter(o -> name != null && name.equalsIgnoreCase(o.name()) && (nationalId == null || o.nationalId() == null))
                        .findFirst());
    }

    /** A parent or served organisation by national id or code; an unknown one stays as written and is refused by the rules. */
    private static String reference(String value, Map<String, OrganisationData> planned) {
        String lower = value.toLowerCase(Locale.ROOT);
        return planned.values().stream().filter(o -> lower.equals(o.nationalId())).map(OrganisationData::code).findFirst().orElse(lower);
    }

    private static String column(String field) {
        return switch (field) {
            case "nationalId" -> "national_id";
            case "tooiUri" -> "tooi_uri";
            case "partOf" -> "parent";
            default -> field;
        };
    }

    static List<Line> read(byte[] file) {
        List<List<String>> records = Rfc4180.records(text(file));
        if (records.isEmpty()) {
            throw InvalidInputException.of("problem.organisationFile.empty", List.of(), String.join(", ", REQUIRED));
        }
        List<String> header = records.get(0).stream().map(OrganisationFile::columnName).toList();
        for (String column : header) {
            if (!REQUIRED.contains(column) && !OPTIONAL.contains(column)) {
                throw InvalidInputException.of("problem.organisationFile.unknownColumn", List.of(), PlainText.echoed(column),
                        String.join(", ", REQUIRED), String.join(", ", OPTIONAL));
            }
        }
        List<String> missing = REQUIRED.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw InvalidInputException.of("problem.organisationFile.header", List.of(), String.join(", ", REQUIRED),
                    String.join(", ", missing));
        }
        List<String> twice = header.stream().filter(c -> header.indexOf(c) != header.lastIndexOf(c)).distinct().toList();
        if (!twice.isEmpty()) {
            throw InvalidInputException.of("problem.organisationFile.columnTwice", List.of(), String.join(", ", twice));
        }
        List<Line> lines = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            if (cells.size() != header.size()) {
                throw InvalidInputException.of("problem.organisationFile.cells", List.of(), r, cells.size(), header.size());
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), cells.get(c));
            }
            lines.add(new Line(r, values));
        }
        return lines;
    }

    /** "National id", "national-id" and "national_id" are the same column. */
    private static String columnName(String title) {
        return title.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    private static String text(byte[] file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(file)).toString();
            // a spreadsheet's byte order mark is no part of the first column's name
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw InvalidInputException.of("problem.organisationFile.notUtf8", List.of());
        }
    }
}
