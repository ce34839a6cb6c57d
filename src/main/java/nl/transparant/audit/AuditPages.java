package nl.transparant.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.Organisation;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.site.PageController;
import nl.transparant.workflow.history.ProcessDiagram;
import nl.transparant.workflow.history.ProcessHistory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditor's view in the browser: the decision log across cases with the API's filters, its exports, the chain
 * verification, and one case end to end with the path drawn on the process diagram. Read-only: there is no form
 * that changes anything here. Only auditors, and only the organisations in their token ({@link AuditRecords},
 * {@link Cases#read}).
 */
@PageController
@RequestMapping("/staff/audit")
class AuditPages {

    static final int PAGE_SIZE = 50;

    private final AuditRecords records;
    private final AuditLabels labels;
    private final Cases cases;
    private final ProcessHistory engine;
    private final OrganisationDirectory organisations;

    AuditPages(AuditRecords records, Cases cases, ProcessHistory engine, OrganisationDirectory organisations, AuditLabels labels) {
        this.labels = labels;
        this.records = records;
        this.cases = cases;
        this.engine = engine;
        this.organisations = organisations;
    }

    @GetMapping
    String records(StaffUser user, @ModelAttribute("criteria") AuditRecords.Criteria criteria,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "false") boolean verify, Model model,
            java.util.Locale locale) {
        RecordFilter filter = records.filter(user, criteria);
        if (page < 0) {
            throw InvalidInputException.of("problem.audit.paging", List.of(FieldProblem.of("page", "problem.audit.paging.page")));
        }
        long total = records.count(filter);
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        model.addAttribute("records", records.page(filter, page, PAGE_SIZE));
        model.addAttribute("total", total);
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("firstShown", total == 0 ? 0 : (long) page * PAGE_SIZE + 1);
        model.addAttribute("lastShown", Math.min(total, (long) (page + 1) * PAGE_SIZE));
        model.addAttribute("previousUrl", page > 0 ? url("/staff/audit", criteria).queryParam("page", page - 1).toUriString() : null);
        model.addAttribute("nextUrl", page + 1 < pages ? url("/staff/audit", criteria).queryParam("page", page + 1).toUriString() : null);
        model.addAttribute("exportJsonUrl", url("/staff/audit/export", criteria).queryParam("format", "json").toUriString());
        model.addAttribute("exportCsvUrl", url("/staff/audit/export", criteria).queryParam("format", "csv").toUriString());
        model.addAttribute("verification", verify ? records.verify(user) : null);
        // the filters offer words; what they send stays the code the records hold
        model.addAttribute("eventTypeOptions", labels.eventTypes(locale));
        List<String> occurring = new java.util.ArrayList<>(records.outcomes(user));
        for (String asked : new String[] {filter.outcome(), filter.earlierOutcome()}) {
            if (asked != null && !occurring.contains(asked)) {
                occurring.add(asked);
            }
        }
        model.addAttribute("outcomeOptions", labels.outcomes(occurring, locale));
        model.addAttribute("organisationNames", organisations.findAllById(user.organisations()).stream()
                .collect(java.util.stream.Collectors.toMap(Organisation::getCode, Organisation::getName)));
        model.addAttribute("stepOptions", labels.steps(locale));
        model.addAttribute("organisations", organisations.findAllById(user.organisations()).stream()
                .sorted(Comparator.comparing(Organisation::getName)).toList());
        return "audit/records";
    }

    /** The filtered set as the API's export gives it, for a signed-in auditor's browser session. */
    @GetMapping("/export")
    void export(StaffUser user, @ModelAttribute("criteria") AuditRecords.Criteria criteria,
            @RequestParam(defaultValue = "json") String format, HttpServletResponse response) throws IOException {
        export(records.filter(user, criteria), format, "decision-log", null, response);
    }

    @GetMapping("/cases/{caseId}")
    String caseRecord(StaffUser user, @PathVariable String caseId, Model model, java.util.Locale locale) {
        AuditRecords.requireAuditor(user);
        AlgorithmCase audited = cases.read(user, caseId);
        String processInstanceId = audited.getProcessInstanceId();
        Timeline timeline = Timeline.of(caseId, audited.getOrganisationCode(), processInstanceId, records.ofCase(caseId),
                processInstanceId == null ? java.util.Optional.empty() : engine.of(processInstanceId),
                processInstanceId == null ? List.of() : engine.variableUpdates(processInstanceId));
        var diagram = timeline.processInstanceId() == null ? Optional.<ProcessDiagram>empty()
                : engine.diagram(timeline.processInstanceId());
        model.addAttribute("audited", audited);
        model.addAttribute("organisationName", organisations.findById(audited.getOrganisationCode())
                .map(Organisation::getName).orElse(audited.getOrganisationCode()));
        model.addAttribute("timeline", timeline);
        model.addAttribute("caseRecord", CaseRecord.of(timeline));
        model.addAttribute("diagram", diagram.orElse(null));
        model.addAttribute("drawing", diagram.map(d -> DiagramDrawing.of(d, shape -> labels.step(shape.id(), shape.name(), locale))).orElse(null));
        return "audit/case";
    }

    @GetMapping("/cases/{caseId}/export")
    void exportCase(StaffUser user, @PathVariable String caseId, @RequestParam(defaultValue = "json") String format,
            HttpServletResponse response) throws IOException {
        AuditRecords.requireAuditor(user);
        AlgorithmCase audited = cases.read(user, caseId);
        RecordFilter filter = records.filter(user, new AuditRecords.Criteria(audited.getOrganisationCode(), null, null, null, null,
                null, caseId));
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
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            records.exportJson(filter, decisionPoints, response.getOutputStream());
        }
    }

    private static UriComponentsBuilder url(String path, AuditRecords.Criteria c) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
        add(url, "organisation", c.organisation());
        add(url, "from", c.from());
        add(url, "to", c.to());
        add(url, "eventType", c.eventType());
        add(url, "actor", c.actor());
        add(url, "outcome", c.outcome());
        add(url, "caseId", c.caseId());
        add(url, "activity", c.activity());
        add(url, "variable", c.variable());
        add(url, "earlierOutcome", c.earlierOutcome());
        return url.encode();
    }

    private static void add(UriComponentsBuilder url, String name, String value) {
        if (value != null && !value.isBlank()) {
            url.queryParam(name, value);
        }
    }
}
