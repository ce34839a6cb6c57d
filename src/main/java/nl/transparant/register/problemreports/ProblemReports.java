package nl.transparant.register.problemreports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.register.PublicRegister;
import nl.transparant.register.PublishedEntry;
import nl.transparant.workflow.problemreports.ProblemReportHandled;
import nl.transparant.workflow.problemreports.ProblemReportProcess;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Report a problem" on a register entry: the report is stored and handed to the process, which gives the entry's
 * owners a task; the report is handled when that task is completed.
 */
@Service
public class ProblemReports {

    public static final int MIN_MESSAGE = 10;
    public static final int MAX_MESSAGE = 2000;
    public static final int MAX_REPLY_ADDRESS = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

    private final ProblemReportRepository reports;
    private final PublicRegister register;
    private final ProblemReportProcess process;
    private final ApplicationEventPublisher events;

    ProblemReports(ProblemReportRepository reports, PublicRegister register, ProblemReportProcess process,
            ApplicationEventPublisher events) {
        this.reports = reports;
        this.register = register;
        this.process = process;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public long underReview(String lars) {
        return reports.countByLarsAndStatus(lars, ProblemReport.Status.UNDER_REVIEW);
    }

    /** Stores the report about the entry's latest version and starts its handling; bad input is a list of field problems. */
    @Transactional
    public ProblemReport report(String lars, String message, String replyAddress) {
        PublishedEntry entry = register.latest(lars);
        String text = message == null ? "" : message.strip();
        String reply = replyAddress == null || replyAddress.isBlank() ? null : replyAddress.strip();
        List<FieldProblem> problems = new ArrayList<>();
        if (text.length() < MIN_MESSAGE || text.length() > MAX_MESSAGE) {
            problems.add(FieldProblem.of("message", "problem.problemReport.message", MIN_MESSAGE, MAX_MESSAGE));
        } else if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            problems.add(FieldProblem.of("message", "problem.field.controlCharacters"));
        }
        if (reply != null && (reply.length() > MAX_REPLY_ADDRESS || !EMAIL.matcher(reply).matches())) {
            problems.add(FieldProblem.of("replyAddress", "problem.problemReport.replyAddress"));
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.problemReport.invalid", problems);
        }
        ProblemReport report = reports.save(new ProblemReport(UUID.randomUUID().toString(), entry, text, reply, Instant.now()));
        events.publishEvent(new ProblemReportReceived(report.getId(), report.getLars(), entry.getVersionNumber(), report.getCaseId(),
                report.getOrganisationCode(), reply != null));
        process.startProblemReport(report.getId(), report.getCaseId(), report.getOrganisationCode(), text);
        return report;
    }

    @EventListener
    void on(ProblemReportHandled handled) {
        reports.findById(handled.reportId()).ifPresent(report -> report.handled(handled.handledBy(), Instant.now()));
    }
}
