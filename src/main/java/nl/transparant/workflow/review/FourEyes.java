package nl.transparant.workflow.review;

import nl.transparant.workflow.ProcessVariables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import nl.transparant.assessment.PoliciesReloaded;
import nl.transparant.assessment.PolicyProblem;
import nl.transparant.assessment.ReloadReport;
import nl.transparant.assessment.ReloadablePolicy;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.ModelException;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The four-eyes rule of a case: nobody reviews work they did on that case themselves, whatever roles they hold.
 * Which steps are work and which are reviews is {@link FourEyesPolicy} ({@code policies/four-eyes.yaml}), read at
 * start-up and on the administrators' reload; who did which work is read from the engine's history (the process's
 * start user, the assignee and the completing user of each finished task), which no client can rewrite.
 *
 * <p>Fails closed: the application does not start, and a reload keeps the previous policy, while a user task in
 * {@code processes/} is neither work nor review; a task deployed otherwise and still not covered is refused at the
 * task by {@link SegregationOfDutiesListener}.
 */
@Component
public class FourEyes implements ReloadablePolicy {

    /** The message key of a four-eyes refusal, for its Dutch and English explanation. */
    public static final String REFUSAL = "error.fourEyes";

    /**
     * The message key when the refused person is not the one asking: an administrator handing a review to someone who
     * did work on the case is told that person did, not that they did (outside test, 2026-12-06).
     */
    public static final String REFUSAL_OF_ANOTHER = "error.fourEyesOther";

    private final Path policyFile;
    private final Path processes;
    private final ApplicationEventPublisher events;
    private volatile FourEyesPolicy policy;
    private volatile ReloadReport lastReload;

    public FourEyes(@Value("${transparant.four-eyes-policy:${transparant.policies-dir}/four-eyes.yaml}") Path policyFile,
            @Value("${transparant.processes-dir}") Path processes, ApplicationEventPublisher events) {
        this.policyFile = policyFile;
        this.processes = processes;
        this.events = events;
        ReloadReport report = load(); // announced only on a reload: at start the decision log's listener does not exist yet
        if (report.hasErrors()) {
            throw new IllegalStateException("The four-eyes policy cannot be used: " + report.errors());
        }
    }

    FourEyesPolicy policy() {
        return policy;
    }

    /**
     * Reads the policy again, for the administrators' reload, and announces it with {@link PoliciesReloaded}; a file
     * with errors, or one leaving a task in {@code processes/} uncovered, keeps the previous.
     */
    @Override
    public synchronized ReloadReport reload() {
        ReloadReport report = load();
        events.publishEvent(new PoliciesReloaded(report.folder(), report.served(), report.keptPrevious(), report.errors().size()));
        return report;
    }

    private synchronized ReloadReport load() {
        List<PolicyProblem> problems = new ArrayList<>();
        FourEyesPolicy read = null;
        try {
            read = FourEyesPolicy.read(policyFile);
            read.uncovered(userTasks(processes)).forEach(task -> problems.add(new PolicyProblem(PolicyProblem.Severity.ERROR,
                    policyFile.toString(), task, null, "this user task is neither 'work' nor a review in the four-eyes policy; "
                            + "nobody can claim or complete it until the policy says which it is")));
        } catch (IllegalArgumentException e) {
            problems.add(new PolicyProblem(PolicyProblem.Severity.ERROR, policyFile.toString(), null, null, e.getMessage()));
        } catch (UncheckedIOException e) {
            problems.add(new PolicyProblem(PolicyProblem.Severity.ERROR, policyFile.toString(), null, null,
                    "the process files cannot be read: " + e.getMessage()));
        }
        boolean usable = read != null && problems.isEmpty();
        if (usable) {
            policy = read;
        }
        String name = policyFile.getFileName().toString();
        ReloadReport report = new ReloadReport(policyFile.toString(), usable ? List.of(name) : List.of(),
                !usable && policy != null ? List.of(name) : List.of(), problems);
        lastReload = report;
        return report;
    }

    @Override
    public ReloadReport lastReload() {
        return lastReload;
    }

    /**
     * Refuses a review step by this person when they did work on the case (this process instance). Read from the
     * engine's history only, so it holds for every client of the engine.
     *
     * @param person who would do the review: the one acting, or the one a review is being assigned to
     * @param acting whether that is the one acting now, which only changes how the refusal addresses them
     */
    public void requireReviewer(HistoryService history, String processInstanceId, String processKey, String step, String person, boolean acting) {
        FourEyesPolicy current = policy;
        if (kindOf(current, processKey, step) != FourEyesPolicy.Kind.REVIEW) {
            return;
        }
        WorkOnCase workOnCase = workDoneBy(history, processInstanceId, current::workOf);
        String work = workOnCase.done().get(person);
        if (work == null) {
            return;
        }
        String who = acting ? "You" : "'" + person + "'";
        String what = FourEyesPolicy.SUBMISSION.equals(work) ? " submitted this case"
                : WRITING.equals(work) ? " wrote part of this case (its texts, a measure's evidence or its EU registration)"
                : " did work on this case (" + work + ")";
        // the person refused is told in their language what they did (the step by its name, never its id); a refusal
        // of another person (an assignment) names them only in the English message, for the operator
        nl.transparant.problems.Wording reason = !acting ? null
                : FourEyesPolicy.SUBMISSION.equals(work) ? nl.transparant.problems.Wording.of("problem.fourEyes.reason.submitted")
                : WRITING.equals(work) ? nl.transparant.problems.Wording.of("problem.fourEyes.reason.wrote")
                : nl.transparant.problems.Wording.of("problem.fourEyes.reason.work", stepName(work));
        throw new SegregationOfDutiesViolation(who + what + ", so " + (acting ? "you" : "they")
                + " cannot review it: someone else must (four eyes).", acting ? REFUSAL : REFUSAL_OF_ANOTHER, true, reason,
                workOnCase.caseId());
    }

    /** A work step by the name the pages give its task ({@code task.<id>}, else the process element's), for a refusal. */
    private static nl.transparant.problems.Wording stepName(String step) {
        return nl.transparant.problems.Wording.of(
                nl.transparant.problems.ProblemTexts.textOr("task." + step, null, java.util.Locale.ENGLISH) != null
                        ? "task." + step : "process.element." + step);
    }

    /** Whether the step is work or a review; a step the policy does not cover is refused to everyone (fail closed). */
    FourEyesPolicy.Kind kindOf(String processKey, String step) {
        return kindOf(policy, processKey, step);
    }

    private static FourEyesPolicy.Kind kindOf(FourEyesPolicy policy, String processKey, String step) {
        return policy.kindOf(processKey, step).orElseThrow(() -> new SegregationOfDutiesViolation("The four-eyes policy does not "
                + "say whether '" + step + "' of '" + processKey + "' is work or a review, so nobody may do it until an "
                + "administrator adds it to policies/four-eyes.yaml.", null, false));
    }

    /** Whether this person may do this review step of the case, for pages that offer it only to whom it is open. */
    boolean mayReview(HistoryService history, String processInstanceId, String processKey, String step, String actorId) {
        return refusal(history, processInstanceId, processKey, step, actorId).isEmpty();
    }

    /** Why this person may not do this review step of the case, for pages that say so; empty when they may. */
    java.util.Optional<SegregationOfDutiesViolation> refusal(HistoryService history, String processInstanceId, String processKey,
            String step, String actorId) {
        try {
            requireReviewer(history, processInstanceId, processKey, step, actorId, true);
            return java.util.Optional.empty();
        } catch (SegregationOfDutiesViolation refused) {
            return java.util.Optional.of(refused);
        }
    }

    /**
     * Who did which work step on this case, person to (first) step, over every process the case has had (a change of a
     * published entry is a new review of the same case, and work of an earlier round stays that person's work): the
     * authors of the case's register texts and each round's start user for the submission, and for each work task the
     * person who completed it and everyone who saved a draft of its answers (the engine's operation log; a task can be
     * completed without being claimed, and a draft written by one person can be handed in by another); its assignee
     * only when the log does not name who completed it.
     */
    static WorkOnCase workDoneBy(HistoryService history, String processInstanceId,
            java.util.function.Function<String, Set<String>> workOf) {
        List<WorkRow> rows = ((org.camunda.bpm.engine.impl.ServiceImpl) history).getCommandExecutor()
                .execute(context -> WorkRow.readAll(context.getDbSqlSession().getSqlSession().getConnection(), processInstanceId));
        if (rows.stream().noneMatch(row -> row.part() == WorkRow.ROUND)) {
            throw new SegregationOfDutiesViolation("This case has no recorded process, so nobody can safely review it.", null, false);
        }
        Map<String, String> done = new LinkedHashMap<>();
        int next = 0;
        while (next < rows.size()) {
            // the rows of one round: the round itself first, then its authors, its tasks and its operation log
            WorkRow round = rows.get(next);
            int end = next + 1;
            while (end < rows.size() && rows.get(end).round().equals(round.round())) {
                end++;
            }
            workOfRound(rows.subList(next, end), workOf, done);
            next = end;
        }
        // the case is the rounds' business key (the last round's, should they differ); none for an instance without one
        String caseId = rows.stream().filter(row -> row.part() == WorkRow.ROUND && row.c() != null).reduce((first, last) -> last)
                .map(WorkRow::c).orElse(null);
        return new WorkOnCase(caseId, done);
    }

    /** Who did which work on the case ({@link #workDoneBy}), person to (first) step, and the case's id. */
    record WorkOnCase(String caseId, Map<String, String> done) {
    }

    /** What one round's rows say about who did which work, added to {@code done} (first work of a person counts). */
    private static void workOfRound(List<WorkRow> rows, java.util.function.Function<String, Set<String>> workOf, Map<String, String> done) {
        WorkRow round = rows.get(0);
        Set<String> workSteps = workOf.apply(round.a());
        if (workSteps.contains(FourEyesPolicy.SUBMISSION)) {
            if (round.b() == null) {
                throw new SegregationOfDutiesViolation("This case has no recorded submitter, so nobody can safely review it.", null, false);
            }
            done.putIfAbsent(round.b(), FourEyesPolicy.SUBMISSION);
            for (WorkRow authors : rows) {
                // a string variable, as the application writes it; a value of another type set through the engine names nobody
                if (authors.part() == WorkRow.AUTHORS && "string".equals(authors.a()) && authors.b() != null) {
                    for (String author : authors.b().split(",")) {
                        if (!author.isBlank()) {
                            done.putIfAbsent(author.strip(), WRITING);
                        }
                    }
                }
            }
        }
        Map<String, String> workTasks = new LinkedHashMap<>();
        Map<String, String> assigneeOfCompleted = new LinkedHashMap<>();
        for (WorkRow task : rows) {
            if (task.part() == WorkRow.TASK && workSteps.contains(task.a())) {
                workTasks.put(task.id(), task.a());
                if (task.b() != null && "completed".equals(task.c())) {
                    assigneeOfCompleted.put(task.id(), task.b());
                }
            }
        }
        if (workTasks.isEmpty()) {
            return;
        }
        Set<String> completedBySomeoneKnown = new java.util.HashSet<>();
        for (WorkRow operation : rows) {
            String step = operation.part() == WorkRow.OPERATION ? workTasks.get(operation.c()) : null;
            if (step != null && operation.b() != null && WORK_OPERATIONS.contains(operation.a())) {
                done.putIfAbsent(operation.b(), step);
                if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(operation.a())) {
                    completedBySomeoneKnown.add(operation.c());
                }
            }
        }
        // the assignee of a completed work task counts only when the log does not say who completed it: a task
        // assigned to a reviewer and completed by the owner made the reviewer's own later review refused, though
        // they never touched the case (outside tester)
        assigneeOfCompleted.forEach((taskId, assignee) -> {
            if (!completedBySomeoneKnown.contains(taskId)) {
                done.putIfAbsent(assignee, workTasks.get(taskId));
            }
        });
    }

    /**
     * One row of what the engine's history holds on who worked on a case: a round (a process instance of the case: its
     * process key {@code a}, start user {@code b}, business key {@code c}), its {@code caseAuthors} variable (type {@code a}, text {@code b}), a
     * task of it (step {@code a}, assignee {@code b}, delete reason {@code c}, task id {@code id}) or an entry of its
     * operation log (operation {@code a}, user {@code b}, task id {@code c}).
     *
     * <p>All in one statement, in the order the check reads them (rounds by start; tasks by start, the log by id, as the
     * engine's own queries ordered them): the check read them with four engine queries per round, each a nested engine
     * command mapping whole history rows, 5 % of the request threads' samples in a flight recording of the review cycle
     * (issue 14). No tenant check: the check sees every round, whoever asks.
     */
    record WorkRow(String round, int part, String a, String b, String c, String id) {

        static final int ROUND = 0;
        static final int AUTHORS = 1;
        static final int TASK = 2;
        static final int OPERATION = 3;

        /** The case's rounds: this instance, and every instance sharing its business key (the case's id). */
        private static final String ROUNDS = "FROM ACT_HI_PROCINST R %s WHERE (R.ID_ = ? OR R.BUSINESS_KEY_ = "
                + "(SELECT OWN.BUSINESS_KEY_ FROM ACT_HI_PROCINST OWN WHERE OWN.ID_ = ?))";

        private static final String QUERY = String.join(" UNION ALL ",
                "SELECT R.ID_ AS ROUND_ID, R.START_TIME_ AS ROUND_START, 0 AS PART, R.PROC_DEF_KEY_ AS A, R.START_USER_ID_ AS B, "
                        + "R.BUSINESS_KEY_ AS C, R.START_TIME_ AS SORT_TIME, R.ID_ AS SORT_ID " + ROUNDS.formatted(""),
                "SELECT R.ID_, R.START_TIME_, 1, V.VAR_TYPE_, V.TEXT_, V.NAME_, R.START_TIME_, V.ID_ " + ROUNDS.formatted(
                        "INNER JOIN ACT_HI_VARINST V ON V.PROC_INST_ID_ = R.ID_ AND V.NAME_ = '" + ProcessVariables.CASE_AUTHORS
                                + "' AND (V.STATE_ IS NULL OR V.STATE_ <> 'DELETED')"),
                "SELECT R.ID_, R.START_TIME_, 2, T.TASK_DEF_KEY_, T.ASSIGNEE_, T.DELETE_REASON_, T.START_TIME_, T.ID_ "
                        + ROUNDS.formatted("INNER JOIN ACT_HI_TASKINST T ON T.PROC_INST_ID_ = R.ID_"),
                "SELECT R.ID_, R.START_TIME_, 3, L.OPERATION_TYPE_, L.USER_ID_, L.TASK_ID_, R.START_TIME_, L.ID_ "
                        + ROUNDS.formatted("INNER JOIN ACT_HI_OP_LOG L ON L.PROC_INST_ID_ = R.ID_"))
                + " ORDER BY ROUND_START, ROUND_ID, PART, SORT_TIME, SORT_ID";

        static List<WorkRow> readAll(java.sql.Connection connection, String processInstanceId) {
            try (java.sql.PreparedStatement statement = connection.prepareStatement(QUERY)) {
                for (int parameter = 1; parameter <= 8; parameter++) {
                    statement.setString(parameter, processInstanceId);
                }
                List<WorkRow> rows = new ArrayList<>();
                try (java.sql.ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        int part = result.getInt(3);
                        rows.add(new WorkRow(result.getString(1), part, result.getString(4), result.getString(5), result.getString(6),
                                result.getString(8)));
                    }
                }
                return rows;
            } catch (java.sql.SQLException e) {
                throw new org.camunda.bpm.engine.ProcessEngineException("The engine's history of who worked on the case cannot be read", e);
            }
        }
    }

    /**
     * The work of an author of the case who did not submit it (its texts, a measure's evidence, the EU database
     * registration: {@code caseAuthors}); part of the submission for the policy, named apart so a refusal says what it was.
     */
    static final String WRITING = "writing";

    /** What a person does to a work task that makes it their work: completing it, or writing its answers (a draft). */
    private static final Set<String> WORK_OPERATIONS = Set.of(UserOperationLogEntry.OPERATION_TYPE_COMPLETE,
            UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE, UserOperationLogEntry.OPERATION_TYPE_MODIFY_VARIABLE);

    /**
     * Every user task of every process in the BPMN files of this folder: process key to task ids. An
     * {@link IllegalArgumentException} names a file that is no BPMN.
     */
    static Map<String, List<String>> userTasks(Path folder) {
        Map<String, List<String>> tasks = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return tasks;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model;
                try {
                    model = Bpmn.readModelFromFile(file.toFile());
                } catch (ModelException e) {
                    throw new IllegalArgumentException("the process file " + file + " cannot be read: " + e.getMessage(), e);
                }
                for (Process process : model.getModelElementsByType(Process.class)) {
                    tasks.putIfAbsent(process.getId(), new ArrayList<>());
                }
                for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                    tasks.computeIfAbsent(processOf(task).getId(), key -> new ArrayList<>()).add(task.getId());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tasks;
    }

    private static Process processOf(ModelElementInstance element) {
        ModelElementInstance parent = element.getParentElement();
        while (!(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return (Process) parent;
    }
}
