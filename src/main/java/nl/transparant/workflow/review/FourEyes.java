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
import nl.transparant.workflow.history.EngineReads;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
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
        String work = workDoneBy(history, processInstanceId, current::workOf).get(person);
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
                + " cannot review it: someone else must (four eyes).", acting ? REFUSAL : REFUSAL_OF_ANOTHER, true, reason);
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
    static Map<String, String> workDoneBy(HistoryService history, String processInstanceId,
            java.util.function.Function<String, Set<String>> workOf) {
        List<HistoricProcessInstance> rounds = EngineReads.instancesOfCaseOf(history, processInstanceId);
        if (rounds.isEmpty()) {
            throw new SegregationOfDutiesViolation("This case has no recorded process, so nobody can safely review it.", null, false);
        }
        Map<String, String> done = new LinkedHashMap<>();
        for (HistoricProcessInstance round : rounds) {
            Set<String> workSteps = workOf.apply(round.getProcessDefinitionKey());
            if (workSteps.contains(FourEyesPolicy.SUBMISSION)) {
                if (round.getStartUserId() == null) {
                    throw new SegregationOfDutiesViolation("This case has no recorded submitter, so nobody can safely review it.", null, false);
                }
                done.putIfAbsent(round.getStartUserId(), FourEyesPolicy.SUBMISSION);
                for (HistoricVariableInstance authors : EngineReads.variable(history, round.getId(), ProcessVariables.CASE_AUTHORS)) {
                    if (authors.getValue() instanceof String names) {
                        for (String author : names.split(",")) {
                            if (!author.isBlank()) {
                                done.putIfAbsent(author.strip(), WRITING);
                            }
                        }
                    }
                }
            }
            Map<String, String> workTasks = new LinkedHashMap<>();
            Map<String, String> assigneeOfCompleted = new LinkedHashMap<>();
            for (HistoricTaskInstance task : EngineReads.tasksOf(history, round.getId())) {
                if (workSteps.contains(task.getTaskDefinitionKey())) {
                    workTasks.put(task.getId(), task.getTaskDefinitionKey());
                    if (task.getAssignee() != null && "completed".equals(task.getDeleteReason())) {
                        assigneeOfCompleted.put(task.getId(), task.getAssignee());
                    }
                }
            }
            if (workTasks.isEmpty()) {
                continue;
            }
            java.util.Set<String> completedBySomeoneKnown = new java.util.HashSet<>();
            for (UserOperationLogEntry operation : history.createUserOperationLogQuery().processInstanceId(round.getId()).list()) {
                String step = workTasks.get(operation.getTaskId());
                if (step != null && operation.getUserId() != null && WORK_OPERATIONS.contains(operation.getOperationType())) {
                    done.putIfAbsent(operation.getUserId(), step);
                    if (UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(operation.getOperationType())) {
                        completedBySomeoneKnown.add(operation.getTaskId());
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
        return done;
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
