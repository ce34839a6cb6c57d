package nl.transparant.obligations;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.obligations.ObligationEvents.MeasureRecorded;
import nl.transparant.obligations.ObligationsCatalogue.Catalogue;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.problems.PlainText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The obligations of a case: the requirements and measures of the catalogue in service that apply to its AI Act
 * profile ({@link CaseAiActProfile}) or always apply, and the owner's work per measure. Which items apply is worked
 * out at every read, so a new catalogue shows at once; what the owner did is stored with the measure's version.
 */
@Service
@Transactional
public class Obligations {

    public static final List<String> STATUSES = List.of("not-started", "in-progress", "done", "not-applicable");
    static final int MAX_TEXT = 10_000;
    static final int MAX_REASON = 2_000;
    static final int MAX_LINK = 500;
    /** An evidence file; the page's request limit ({@code requests.BodySizeLimits}) leaves room for the form around it. */
    public static final int MAX_FILE_BYTES = 5 * 1024 * 1024;
    /** What may be uploaded: documents and images a reviewer opens, never anything a browser would run. */
    static final Map<String, String> FILE_TYPES = Map.of(
            "pdf", "application/pdf",
            "png", "image/png",
            "jpg", "image/jpeg",
            "jpeg", "image/jpeg",
            "txt", "text/plain; charset=utf-8",
            "csv", "text/csv; charset=utf-8",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "odt", "application/vnd.oasis.opendocument.text",
            "ods", "application/vnd.oasis.opendocument.spreadsheet");

    private final JdbcTemplate jdbc;
    private final Cases cases;
    private final ObligationsCatalogue catalogue;
    private final CaseAiActProfile profiles;
    private final ApplicationEventPublisher events;
    private final nl.transparant.identity.PeopleNames people;

    Obligations(JdbcTemplate jdbc, Cases cases, ObligationsCatalogue catalogue, CaseAiActProfile profiles, ApplicationEventPublisher events,
            nl.transparant.identity.PeopleNames people) {
        this.people = people;
        this.jdbc = jdbc;
        this.cases = cases;
        this.catalogue = catalogue;
        this.profiles = profiles;
        this.events = events;
    }

    /**
     * What the owner sends for one measure; {@code basedOn}, optional, is when the measure's work was last recorded as the
     * sender saw it ({@link MeasureState#updatedAt()}, "" when nothing was): when someone recorded it since, nothing is
     * stored (409), so a colleague's evidence is not replaced unseen (outside tester).
     */
    public record MeasureUpdate(String measureUrn, String status, String reason, String evidenceText, String evidenceLink,
            String basedOn) {

        public MeasureUpdate(String measureUrn, String status, String reason, String evidenceText, String evidenceLink) {
            this(measureUrn, status, reason, evidenceText, evidenceLink, null);
        }
    }

    /** An uploaded evidence file as the browser sent it. */
    public record Upload(String fileName, byte[] content) {
    }

    public record EvidenceFile(long id, String fileName, String contentType, long sizeBytes, String sha256, String uploadedBy,
            Instant uploadedAt) {
    }

    /** The stored work on one measure; a measure nobody touched yet is "not-started" with nothing else. */
    public record MeasureState(String status, String reason, String evidenceText, String evidenceLink, String updatedBy,
            Instant updatedAt, String recordedVersion) {

        static final MeasureState NONE = new MeasureState("not-started", null, null, null, null, null, null);

        public boolean settled() {
            return "done".equals(status) || "not-applicable".equals(status);
        }
    }

    public record MeasureView(CatalogueItem measure, MeasureState state, List<EvidenceFile> files, List<String> requirementUrns) {

        /** Recorded under an older version of the measure than the catalogue's now: the owner should look again. */
        public boolean outdated() {
            return state.recordedVersion() != null && !state.recordedVersion().equals(measure.version());
        }
    }

    public record RequirementView(CatalogueItem requirement, boolean met, boolean requiredBeforeRelease, List<String> measureUrns) {
    }

    public record Phase(String phase, List<MeasureView> measures) {
    }

    public record Checklist(String caseId, CaseAiActProfile.Profile profile, List<RequirementView> requirements, List<Phase> phases,
            List<MeasureView> measures) {

        /** Applicable requirements the policy wants met before release and that are not met yet. */
        public List<RequirementView> openBeforeRelease() {
            return requirements.stream().filter(r -> r.requiredBeforeRelease() && !r.met()).toList();
        }
    }

    @Transactional(readOnly = true)
    public Checklist checklist(StaffUser user, String caseId) {
        return checklistOf(cases.read(user, caseId));
    }

    /** The requirements and measures that apply to the case now, without anyone's work on them. */
    List<CatalogueItem> applicableItems(String caseId) {
        return applicable(catalogue.current(), profiles.of(caseId));
    }

    ObligationsCatalogue.Catalogue catalogue() {
        return catalogue.current();
    }

    private static List<CatalogueItem> applicable(Catalogue current, CaseAiActProfile.Profile profile) {
        List<CatalogueItem> requirements = current.requirements().stream()
                .filter(r -> r.alwaysApplicable() || (profile.known() && r.profileMatches(profile.fields())))
                .sorted(Comparator.comparing(CatalogueItem::urn))
                .toList();
        Set<String> requirementUrns = requirements.stream().map(CatalogueItem::urn).collect(Collectors.toSet());
        List<CatalogueItem> measures = current.measures().stream()
                .filter(m -> m.alwaysApplicable()
                        || (m.profiles().isEmpty() ? m.links().stream().anyMatch(requirementUrns::contains)
                                : profile.known() && m.profileMatches(profile.fields())))
                .sorted(Comparator.comparing(CatalogueItem::urn))
                .toList();
        List<CatalogueItem> all = new ArrayList<>(requirements);
        all.addAll(measures);
        return all;
    }

    Checklist checklistOf(AlgorithmCase c) {
        return checklistFor(c.getId());
    }

    /** Callers checked that whoever sees it may read the case (or that it is public, see {@link PublicObligations}). */
    Checklist checklistFor(String caseId) {
        Catalogue current = catalogue.current();
        CaseAiActProfile.Profile profile = profiles.of(caseId);
        List<CatalogueItem> applicable = applicable(current, profile);
        List<CatalogueItem> requirements = applicable.stream().filter(i -> i.kind() == CatalogueItem.Kind.REQUIREMENT).toList();
        Set<String> requirementUrns = requirements.stream().map(CatalogueItem::urn).collect(Collectors.toSet());
        List<CatalogueItem> measures = applicable.stream().filter(i -> i.kind() == CatalogueItem.Kind.MEASURE).toList();
        Map<String, MeasureState> states = jdbc.query("SELECT * FROM obligation_measure WHERE case_id = ?", (rs, n) -> Map.entry(
                rs.getString("measure_urn"), state(rs)), caseId).stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, List<EvidenceFile>> files = jdbc.query("SELECT id, measure_urn, file_name, content_type, size_bytes, sha256, uploaded_by,"
                + " uploaded_at FROM obligation_evidence_file WHERE case_id = ? ORDER BY id", (rs, n) -> Map.entry(rs.getString("measure_urn"),
                new EvidenceFile(rs.getLong("id"), rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                        rs.getString("sha256"), rs.getString("uploaded_by"), rs.getTimestamp("uploaded_at").toInstant())), caseId)
                .stream().collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        List<MeasureView> measureViews = measures.stream().map(m -> new MeasureView(m, states.getOrDefault(m.urn(), MeasureState.NONE),
                files.getOrDefault(m.urn(), List.of()), m.links().stream().filter(requirementUrns::contains).toList())).toList();
        Map<String, MeasureView> byUrn = measureViews.stream().collect(Collectors.toMap(v -> v.measure().urn(), Function.identity()));
        List<String> beforeRelease = current.release().requirementsMetBeforeRelease();
        List<RequirementView> requirementViews = requirements.stream().map(r -> {
            List<String> linked = measures.stream().filter(m -> m.links().contains(r.urn())).map(CatalogueItem::urn).toList();
            boolean met = !linked.isEmpty() && linked.stream().allMatch(urn -> byUrn.get(urn).state().settled());
            return new RequirementView(r, met, beforeRelease.contains(r.urn()), linked);
        }).toList();
        List<Phase> phases = new ArrayList<>();
        for (String phase : ObligationsCatalogue.LIFECYCLE) {
            List<MeasureView> inPhase = measureViews.stream()
                    .filter(v -> ObligationsCatalogue.LIFECYCLE.stream().filter(v.measure().lifecycle()::contains).findFirst().orElse("")
                            .equals(phase))
                    .toList();
            if (!inPhase.isEmpty()) {
                phases.add(new Phase(phase, inPhase));
            }
        }
        return new Checklist(caseId, profile, requirementViews, phases, measureViews);
    }

    /**
     * The owner records a measure's status and evidence, with an optional file; all of it or nothing is stored, and
     * the decision log has it in the same transaction.
     */
    public MeasureView record(StaffUser owner, String caseId, MeasureUpdate update, Upload upload) {
        AlgorithmCase c = cases.read(owner, caseId);
        if (!owner.has(Role.PROJECT_OWNER)) {
            throw new ForbiddenException("Only a project owner of the case's organisation records the work on its obligations.",
                    "problem.obligations.ownerOnly");
        }
        if (ended(c)) {
            throw new ConflictException("This case is closed; its obligations no longer change.");
        }
        String urn = update.measureUrn() == null ? "" : update.measureUrn().strip();
        CatalogueItem measure = checklistOf(c).measures().stream().map(MeasureView::measure).filter(m -> m.urn().equals(urn)).findFirst()
                .orElseThrow(() -> InvalidInputException.of("problem.obligations.measureNotOfCase", List.of(FieldProblem.of("measure",
                        "problem.obligations.measure"))));
        List<FieldProblem> problems = new ArrayList<>();
        String status = update.status() == null ? "" : update.status().strip();
        if (!STATUSES.contains(status)) {
            problems.add(FieldProblem.of("status", "problem.obligations.status"));
        }
        String reason = plain("reason", update.reason(), MAX_REASON, problems);
        if ("not-applicable".equals(status) && reason == null) {
            problems.add(FieldProblem.of("reason", "problem.obligations.reason"));
        }
        String evidence = plain("evidenceText", update.evidenceText(), MAX_TEXT, problems);
        String link = link(update.evidenceLink(), problems);
        String fileType = null;
        String fileName = null;
        if (upload != null && upload.content() != null && upload.content().length > 0) {
            fileName = fileName(upload.fileName(), problems);
            fileType = fileName == null ? null : fileType(fileName, upload.content(), problems);
        }
        boolean newFile = upload != null && upload.content() != null && upload.content().length > 0;
        if ("done".equals(status) && evidence == null && link == null && !newFile && !hasFiles(c.getId(), urn)) {
            // "done" meets a release requirement: a reviewer must be able to see what it rests on
            problems.add(FieldProblem.of("evidenceText", "problem.obligations.evidence"));
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.obligations.invalid", problems);
        }
        if (update.basedOn() != null) {
            // the measure's row, locked until this transaction ends, so two saves on the same state cannot both pass
            List<String[]> current = jdbc.query("SELECT updated_by, updated_at FROM obligation_measure"
                    + " WHERE case_id = ? AND measure_urn = ? FOR UPDATE",
                    (rs, row) -> new String[] {rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant().toString()}, c.getId(), urn);
            String stamp = current.isEmpty() ? "" : current.get(0)[1];
            if (!stamp.equals(update.basedOn().strip())) {
                String by = current.isEmpty() ? null : current.get(0)[0];
                throw by == null || by.equals(owner.id())
                        ? ConflictException.of("problem.obligations.changedMeanwhile")
                        : ConflictException.of("problem.obligations.changedMeanwhileBy", people.name(by));
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int changed = jdbc.update("UPDATE obligation_measure SET measure_version = ?, status = ?, reason = ?, evidence_text = ?, evidence_link = ?,"
                + " updated_by = ?, updated_at = ? WHERE case_id = ? AND measure_urn = ?", measure.version(), status, reason, evidence, link,
                owner.id(), Timestamp.from(now), c.getId(), urn);
        if (changed == 0) {
            // the first save of this case's row: another request may insert it at the same moment (both found nothing to
            // update); the second gets a 409 to try again, the first's stays (outside test: a 500)
            try {
                jdbc.update("INSERT INTO obligation_measure (case_id, measure_urn, measure_version, status, reason, evidence_text, evidence_link,"
                        + " updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", c.getId(), urn, measure.version(), status, reason, evidence, link,
                        owner.id(), Timestamp.from(now));
            } catch (org.springframework.dao.DuplicateKeyException sameMoment) {
                throw ConflictException.of("problem.conflict.sameMoment");
            }
        }
        String sha256 = null;
        if (fileType != null) {
            sha256 = ObligationsCatalogue.sha256(upload.content());
            jdbc.update("INSERT INTO obligation_evidence_file (case_id, measure_urn, file_name, content_type, size_bytes, sha256, content,"
                    + " uploaded_by, uploaded_at) VALUES (?,?,?,?,?,?,?,?,?)", c.getId(), urn, fileName, fileType, upload.content().length,
                    sha256, upload.content(), owner.id(), Timestamp.from(now));
        }
        cases.workedOnBy(c.getId(), owner.id());
        events.publishEvent(new MeasureRecorded(c.getId(), c.getOrganisationCode(), owner.id(), urn, measure.version(), status, reason,
                evidence, link, fileName, sha256));
        return checklistOf(c).measures().stream().filter(v -> v.measure().urn().equals(urn)).findFirst().orElseThrow();
    }

    private boolean hasFiles(String caseId, String measureUrn) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM obligation_evidence_file WHERE case_id = ? AND measure_urn = ?", Integer.class,
                caseId, measureUrn);
        return count != null && count > 0;
    }

    /**
     * Rejected, stopped or retired: nothing changes any more. A published entry still runs, so its owner keeps the
     * evidence up to date.
     */
    static boolean ended(AlgorithmCase c) {
        return c.getStage().closed() && c.getStage() != nl.transparant.cases.CaseStage.PUBLISHED;
    }

    /** A stored evidence file, for whoever may read the case. */
    @Transactional(readOnly = true)
    public StoredFile file(StaffUser user, String caseId, long fileId) {
        AlgorithmCase c = cases.read(user, caseId);
        return jdbc.query("SELECT file_name, content_type, sha256, content FROM obligation_evidence_file WHERE id = ? AND case_id = ?",
                (rs, n) -> new StoredFile(rs.getString("file_name"), rs.getString("content_type"), rs.getString("sha256"), rs.getBytes("content")),
                fileId, c.getId()).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Case '" + caseId + "' has no evidence file " + fileId + "."));
    }

    public record StoredFile(String fileName, String contentType, String sha256, byte[] content) {
    }

    private static String plain(String field, String value, int max, List<FieldProblem> problems) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            problems.add(FieldProblem.of(field, "problem.text.tooLong", max));
        } else if (PlainText.containsMarkup(text)) {
            problems.add(FieldProblem.of(field, "problem.text.markup"));
        }
        return text;
    }

    private static String link(String value, List<FieldProblem> problems) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (text.length() > MAX_LINK || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                problems.add(FieldProblem.of("evidenceLink", "problem.obligations.link", MAX_LINK));
            }
        } catch (URISyntaxException e) {
            problems.add(FieldProblem.of("evidenceLink", "problem.obligations.linkInvalid"));
        }
        return text;
    }

    private static String fileName(String name, List<FieldProblem> problems) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).strip();
        if (base.isEmpty() || base.length() > 200 || base.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f) || PlainText.containsMarkup(base)) {
            problems.add(FieldProblem.of("file", "problem.obligations.fileName"));
            return null;
        }
        return base;
    }

    /** The type the name claims, if allowed and if the content agrees (a PDF starts as one, a text file is UTF-8 without markup). */
    static String fileType(String fileName, byte[] content, List<FieldProblem> problems) {
        if (content.length > MAX_FILE_BYTES) {
            problems.add(FieldProblem.of("file", "problem.obligations.fileSize", MAX_FILE_BYTES / (1024 * 1024)));
            return null;
        }
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = FILE_TYPES.get(extension);
        if (type == null) {
            problems.add(FieldProblem.of("file", "problem.obligations.fileType"));
            return null;
        }
        boolean agrees = switch (extension) {
            case "pdf" -> startsWith(content, "%PDF-".getBytes(StandardCharsets.US_ASCII));
            case "png" -> startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            case "jpg", "jpeg" -> startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case "docx", "xlsx", "odt", "ods" -> startsWith(content, new byte[] {'P', 'K', 3, 4});
            default -> isPlainText(content);
        };
        if (!agrees) {
            problems.add(FieldProblem.of("file", "problem.obligations.fileContent", extension));
            return null;
        }
        return type;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainText(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(content)).toString();
            return text.indexOf('\0') < 0 && !PlainText.containsMarkup(text);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static MeasureState state(ResultSet rs) throws SQLException {
        return new MeasureState(rs.getString("status"), rs.getString("reason"), rs.getString("evidence_text"), rs.getString("evidence_link"),
                rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant(), rs.getString("measure_version"));
    }
}
