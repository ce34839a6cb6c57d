package nl.transparant.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.PlainText;
import org.springframework.stereotype.Component;

/**
 * What an auditor may ask of the decision log, for the pages: the auditor check, the filter limited to the
 * organisations in the auditor's token, and the exports (JSON with the chain head, or CSV), both with every
 * record's hashes so the export itself can be checked. The same rules as the auditor's API.
 */
@Component
class AuditRecords {

    private final DecisionLog log;
    private final ObjectMapper json;
    private final Checkpoints checkpoints;

    AuditRecords(DecisionLog log, ObjectMapper json, Checkpoints checkpoints) {
        this.log = log;
        this.json = json;
        this.checkpoints = checkpoints;
    }

    /** The filter as a form or query string gives it; every field may be empty. */
    record Criteria(String organisation, String from, String to, String eventType, String actor, String outcome, String caseId,
            String activity, String variable, String earlierOutcome) {

        static final Criteria NONE = new Criteria(null, null, null, null, null, null, null);

        Criteria(String organisation, String from, String to, String eventType, String actor, String outcome, String caseId) {
            this(organisation, from, to, eventType, actor, outcome, caseId, null, null, null);
        }
    }

    static void requireAuditor(StaffUser user) {
        if (!user.has(Role.AUDITOR)) {
            throw new ForbiddenException("The decision log is for auditors.", "problem.audit.notAuditor");
        }
    }

    RecordFilter filter(StaffUser user, Criteria criteria) {
        requireAuditor(user);
        String organisation = blankToNull(criteria.organisation());
        if (organisation != null && !user.serves(organisation)) {
            throw new ForbiddenException("You do not audit organisation " + PlainText.echoed(organisation) + ".");
        }
        return new RecordFilter(user.organisations(), organisation, instant("from", criteria.from()), instant("to", criteria.to()),
                blankToNull(criteria.eventType()), blankToNull(criteria.actor()), blankToNull(criteria.outcome()),
                blankToNull(criteria.caseId()), blankToNull(criteria.activity()), variable(criteria.variable()),
                blankToNull(criteria.earlierOutcome()));
    }

    List<String> outcomes(StaffUser user) {
        requireAuditor(user);
        return log.outcomes(user.organisations());
    }

    long count(RecordFilter filter) {
        return log.count(filter);
    }

    List<DecisionRecord> page(RecordFilter filter, int page, int size) {
        return log.find(filter, page * size, size);
    }

    List<DecisionRecord> ofCase(String caseId) {
        return log.ofCase(caseId);
    }

    Verification verify(StaffUser user) {
        requireAuditor(user);
        return checkpoints.verify();
    }

    void exportCsv(RecordFilter filter, OutputStream target) throws IOException {
        Writer writer = new OutputStreamWriter(target, StandardCharsets.UTF_8);
        CsvExport csv = new CsvExport(writer);
        log.forEach(filter, csv::write);
        writer.flush();
    }

    void exportJson(RecordFilter filter, OutputStream target) throws IOException {
        exportJson(filter, null, target);
    }

    /**
     * A case's export also carries the process variables at each decision point, from the engine's history
     * ({@code decisionPoints}; not part of the chain, so not covered by its hashes).
     */
    void exportJson(RecordFilter filter, List<DecisionPoint> decisionPoints, OutputStream target) throws IOException {
        DecisionLog.Head head = log.head();
        try (JsonGenerator out = json.getFactory().createGenerator(target)) {
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
            if (decisionPoints != null) {
                out.writeFieldName("decisionPoints");
                json.writeValue(out, decisionPoints);
            }
            out.writeEndObject();
        }
    }

    /** {@code name=value}: a process variable at the decision, or a member of the payload. */
    private static String variable(String value) {
        String variable = blankToNull(value);
        if (variable != null && (variable.indexOf('=') < 1 || variable.length() > 200)) {
            throw InvalidInputException.of("problem.audit.variable",
                    List.of(FieldProblem.of("variable", "problem.audit.variable.format")));
        }
        return variable;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A date (the start of that day, UTC) or an ISO-8601 instant. */
    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("problem.audit.period",
                    List.of(FieldProblem.of(name, "problem.audit.period.format")));
        }
    }
}
