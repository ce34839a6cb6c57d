package nl.transparant.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.workflow.history.ProcessHistory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The auditor's API: read-only, and only the organisations in the auditor's token. The URL rules already let
 * nobody but auditors in, and only with GET; the role is checked here again (in {@link AuditRecords}) because
 * this is the auditors' door. The auditor's pages use the same {@link AuditRecords}.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final int MAX_PAGE_SIZE = 500;

    private final AuditRecords records;
    private final Cases cases;
    private final ProcessHistory engine;

    AuditController(AuditRecords records, Cases cases, ProcessHistory engine) {
        this.records = records;
        this.cases = cases;
        this.engine = engine;
    }

    record RecordPage(int page, int size, long total, List<DecisionRecord> records) {
    }

    /** The whole chain, all organisations: a chain can only be checked end to end. */
    @GetMapping("/verify")
    Verification verify(StaffUser user) {
        return records.verify(user);
    }

    @GetMapping("/records")
    RecordPage records(StaffUser user, @RequestParam(required = false) String organisation,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String eventType, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String caseId,
            @RequestParam(required = false) String activity, @RequestParam(required = false) String variable,
            @RequestParam(required = false) String earlierOutcome,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        RecordFilter filter = records.filter(user, new AuditRecords.Criteria(organisation, from, to, eventType, actor, outcome, caseId,
                activity, variable, earlierOutcome));
        // the offset (page × size) is an int in the query: a page beyond it would overflow there, a 500
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE || (long) page * size > Integer.MAX_VALUE) {
            throw InvalidInputException.of("problem.audit.paging", List.of(
                    FieldProblem.of("page", "problem.audit.paging.range", "0",
                            String.valueOf(Integer.MAX_VALUE / Math.max(1, Math.min(size, MAX_PAGE_SIZE)))),
                    FieldProblem.of("size", "problem.audit.paging.range", "1", String.valueOf(MAX_PAGE_SIZE))));
        }
        return new RecordPage(page, size, records.count(filter), records.page(filter, page, size));
    }

    /** Every matching record, with the chain hashes, as JSON or CSV; streamed, so a large export stays cheap. */
    @GetMapping("/records/export")
    void exportRecords(StaffUser user, @RequestParam(required = false) String organisation,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String eventType, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String caseId,
            @RequestParam(required = false) String activity, @RequestParam(required = false) String variable,
            @RequestParam(required = false) String earlierOutcome,
            @RequestParam(defaultValue = "json") String format, HttpServletResponse response) throws IOException {
        export(records.filter(user, new AuditRecords.Criteria(organisation, from, to, eventType, actor, outcome, caseId,
                activity, variable, earlierOutcome)), format,
                "decision-log", null, response);
    }

    @GetMapping("/cases/{caseId}/timeline")
    Timeline timeline(StaffUser user, @PathVariable String caseId) {
        AuditRecords.requireAuditor(user);
        AlgorithmCase audited = cases.read(user, caseId);
        String processInstanceId = audited.getProcessInstanceId();
        return Timeline.of(caseId, audited.getOrganisationCode(), processInstanceId, records.ofCase(caseId),
                processInstanceId == null ? java.util.Optional.empty() : engine.of(processInstanceId),
                processInstanceId == null ? List.of() : engine.variableUpdates(processInstanceId));
    }

    @GetMapping("/cases/{caseId}/export")
    void exportCase(StaffUser user, @PathVariable String caseId, @RequestParam(defaultValue = "json") String format,
            HttpServletResponse response) throws IOException {
        AuditRecords.requireAuditor(user);
        AlgorithmCase audited = cases.read(user, caseId);
        RecordFilter filter = records.filter(user,
                new AuditRecords.Criteria(audited.getOrganisationCode(), null, null, null, null, null, caseId));
        String processInstanceId = audited.getProcessInstanceId();
        List<DecisionPoint> decisionPoints = DecisionPoint.ofCase(engine, records, caseId, processInstanceId);
        export(filter, format, "case-" + caseId, decisionPoints, response);
    }

    private void export(RecordFilter filter, String format, String name, List<DecisionPoint> decisionPoints,
            HttpServletResponse response) throws IOException {
        if (!"json".equals(format) && !"csv".equals(format)) {
            throw InvalidInputException.of("problem.audit.exportFormat", List.of(FieldProblem.of("format", "problem.audit.exportFormat.format")));
        }
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "." + format + "\"");
        if ("csv".equals(format)) {
            response.setContentType("text/csv;charset=UTF-8");
            records.exportCsv(filter, response.getOutputStream());
            return;
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        records.exportJson(filter, decisionPoints, response.getOutputStream());
    }
}
