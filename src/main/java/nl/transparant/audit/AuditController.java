package nl.transparant.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.workflow.ProcessHistory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor's API: read-only, and only the organisations in the auditor's token. The URL rules already let
 * nobody but auditors in, and only with GET; the role is checked here again because this is the auditors' door.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final int MAX_PAGE_SIZE = 500;

    private final DecisionLog log;
    private final Cases cases;
    private final ProcessHistory engine;
    private final ObjectMapper json;

    AuditController(DecisionLog log, Cases cases, ProcessHistory engine, ObjectMapper json) {
        this.log = log;
        this.cases = cases;
        this.engine = engine;
        this.json = json;
    }

    record RecordPage(int page, int size, long total, List<DecisionRecord> records) {
    }

    /** The whole chain, all organisations: a chain can only be checked end to end. */
    @GetMapping("/verify")
    Verification verify(StaffUser user) {
        requireAuditor(user);
        return log.verify();
    }

    @GetMapping("/records")
    RecordPage records(StaffUser user, @RequestParam(required = false) String organisation,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String eventType, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String caseId,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        RecordFilter filter = filter(user, organisation, from, to, eventType, actor, outcome, caseId);
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("Paging out of range.", List.of(
                    new FieldProblem("page", "0 or more."), new FieldProblem("size", "From 1 to " + MAX_PAGE_SIZE + ".")));
        }
        return new RecordPage(page, size, log.count(filter), log.find(filter, page * size, size));
    }

    /** Every matching record, with the chain hashes, as JSON or CSV; streamed, so a large export stays cheap. */
    @GetMapping("/records/export")
    void exportRecords(StaffUser user, @RequestParam(required = false) String organisation,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String eventType, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String caseId,
            @RequestParam(defaultValue = "json") String format, HttpServletResponse response) throws IOException {
        export(filter(user, organisation, from, to, eventType, actor, outcome, caseId), format, "decision-log", response);
    }

    @GetMapping("/cases/{caseId}/timeline")
    Timeline timeline(StaffUser user, @PathVariable String caseId) {
        requireAuditor(user);
        AlgorithmCase audited = cases.read(user, caseId);
        String processInstanceId = audited.getProcessInstanceId();
        return Timeline.of(caseId, audited.getOrganisationCode(), processInstanceId, log.ofCase(caseId),
                processInstanceId == null ? java.util.Optional.empty() : engine.of(processInstanceId));
    }

    @GetMapping("/cases/{caseId}/export")
    void exportCase(StaffUser user, @PathVariable String caseId, @RequestParam(defaultValue = "json") String format,
            HttpServletResponse response) throws IOException {
        requireAuditor(user);
        AlgorithmCase audited = cases.read(user, caseId);
        export(filter(user, audited.getOrganisationCode(), null, null, null, null, null, caseId), format, "case-" + caseId,
                response);
    }

    private void export(RecordFilter filter, String format, String name, HttpServletResponse response) throws IOException {
        if (!"json".equals(format) && !"csv".equals(format)) {
            throw new InvalidInputException("Unknown export format.", List.of(new FieldProblem("format", "json or csv.")));
        }
        DecisionLog.Head head = log.head();
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "." + format + "\"");
        if ("csv".equals(format)) {
            response.setContentType("text/csv;charset=UTF-8");
            Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
            CsvExport csv = new CsvExport(writer);
            log.forEach(filter, csv::write);
            writer.flush();
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        try (JsonGenerator out = json.getFactory().createGenerator(response.getOutputStream())) {
            out.writeStartObject();
            out.writeStringField("canonicalForm", CanonicalForm.VERSION);
            out.writeObjectFieldStart("chainHead");
            out.writeNumberField("lastSeq", head.lastSeq());
            out.writeStringField("lastHash", head.lastHash());
            out.writeEndObject();
            out.writeArrayFieldStart("records");
            log.forEach(filter, record -> {
                try {
                    json.writeValue(out, record);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.writeEndArray();
            out.writeEndObject();
        }
    }

    private static RecordFilter filter(StaffUser user, String organisation, String from, String to, String eventType, String actor,
            String outcome, String caseId) {
        requireAuditor(user);
        if (organisation != null && !organisation.isBlank() && !user.serves(organisation)) {
            throw new ForbiddenException("You do not audit organisation '" + organisation + "'.");
        }
        return new RecordFilter(user.organisations(), organisation, instant("from", from), instant("to", to), eventType, actor,
                outcome, caseId);
    }

    private static void requireAuditor(StaffUser user) {
        if (!user.has(Role.AUDITOR)) {
            throw new ForbiddenException("The decision log is for auditors.");
        }
    }

    /** A date (the start of that day, UTC) or an ISO-8601 instant. */
    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("Invalid period.",
                    List.of(new FieldProblem(name, "A date (2026-01-31) or a UTC time (2026-01-31T12:00:00Z).")));
        }
    }
}
