package nl.transparant.workflow.review;

import nl.transparant.workflow.EngineSession;
import nl.transparant.workflow.ProcessVariables;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Drives cases through the review process the way the application does: as a signed-in person of the case's organisation. */
public final class ReviewCases {

    public static final String ORGANISATION = "zoetermeer";

    public static final Actor SUBMITTER = new Actor("olga.owner", "project-owner");
    public static final Actor PRIVACY_OFFICER = new Actor("piet.privacy", "privacy-officer");
    public static final Actor ETHICS_MEMBER = new Actor("esther.ethics", "ethics-committee");
    public static final Actor PUBLISHER = new Actor("pim.publisher", "register-publisher");

    public static final List<String> PRE_SCAN_QUESTIONS = List.of("personalData", "sensitiveData", "profiling",
            "automatedDecision", "largeScale", "directImpactOnCitizens", "aiSystem", "highRiskArea", "prohibitedPractice");

    public record Actor(String id, String role) {
    }

    private final ProcessEngine engine;

    public ReviewCases(ProcessEngine engine) {
        this.engine = engine;
    }

    /**
     * The route inputs a pre-scan gives the process: the named facts true, all others false, the pre-scan's DPIA level
     * ({@code "dpia:required"} or {@code "dpia:recommended"} among the names; otherwise not_required) and the AI Act
     * class ({@code "ai:limited"}, {@code "ai:minimal"}, … among the names; otherwise prohibited with
     * prohibitedPractice, high_risk with aiSystem and highRiskArea, minimal with aiSystem, else not_applicable).
     */
    public static Map<String, Object> answers(String... yes) {
        Set<String> yesSet = new java.util.HashSet<>(Set.of(yes));
        String dpiaLevel = yesSet.remove("dpia:required") ? "required" : yesSet.remove("dpia:recommended") ? "recommended" : "not_required";
        String aiActClass = yesSet.stream().filter(fact -> fact.startsWith("ai:")).findFirst().map(fact -> fact.substring(3)).orElse(null);
        yesSet.removeIf(fact -> fact.startsWith("ai:"));
        if (!PRE_SCAN_QUESTIONS.containsAll(yesSet)) {
            throw new IllegalArgumentException("Not a pre-scan question: " + Arrays.toString(yes));
        }
        if (aiActClass == null) {
            aiActClass = yesSet.contains("prohibitedPractice") ? "prohibited"
                    : yesSet.contains("aiSystem") && yesSet.contains("highRiskArea") ? "high_risk"
                    : yesSet.contains("aiSystem") ? "minimal" : "not_applicable";
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        PRE_SCAN_QUESTIONS.forEach(question -> answers.put(question, yesSet.contains(question)));
        answers.put("dpiaLevel", dpiaLevel);
        answers.put("aiActClass", aiActClass);
        answers.put("policyDecisionNeeded", false); // the binding mapped every result
        return answers;
    }

    public static String newCaseId() {
        return "case-" + UUID.randomUUID();
    }

    /** Starts the review as the submitter, as {@code ReviewProcess.start} does. */
    public ProcessInstance start(String caseId) {
        return as(SUBMITTER, () -> engine.getRuntimeService().createProcessInstanceByKey(ProcessVariables.PROCESS_KEY)
                .businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, ORGANISATION)
                .setVariable(ProcessVariables.SUBMITTER, SUBMITTER.id())
                .execute());
    }

    /** Starts a case and lets the submitter answer the pre-scan. */
    public ProcessInstance submit(String caseId, String... yes) {
        ProcessInstance instance = start(caseId);
        answerPreScan(instance, yes);
        return instance;
    }

    public void answerPreScan(ProcessInstance instance, String... yes) {
        Map<String, Object> variables = new HashMap<>(answers(yes));
        variables.putAll(ownerHandIn("Pre-scan answered"));
        complete(SUBMITTER, openTask(instance, "answerPreScan"), variables);
    }

    /** The owner answers the pre-scan with a result the screening binding does not map: no route input is given. */
    void answerPreScanWithAPolicyGap(ProcessInstance instance, String gap) {
        Map<String, Object> variables = new HashMap<>(ownerHandIn("Pre-scan answered"));
        variables.put("policyDecisionNeeded", true);
        variables.put("policyGap", gap);
        complete(SUBMITTER, openTask(instance, "answerPreScan"), variables);
    }

    /** The project owner hands a task of their own back (pre-scan, DPIA, IAMA, revisions). */
    public void handIn(ProcessInstance instance, String taskKey) {
        Map<String, Object> variables = new HashMap<>(ownerHandIn("Done: " + taskKey));
        if ("fillInDpia".equals(taskKey)) {
            variables.put("residualRisk", "laag");
        }
        if ("fillInIama".equals(taskKey)) {
            variables.put("iamaStop", false);
        }
        complete(SUBMITTER, openTask(instance, taskKey), variables);
    }

    /** The owner hands in a DPIA whose evaluation gave this residual risk. */
    public void handInDpia(ProcessInstance instance, String residualRisk) {
        Map<String, Object> variables = new HashMap<>(ownerHandIn("DPIA handed in"));
        variables.put("residualRisk", residualRisk);
        complete(SUBMITTER, openTask(instance, "fillInDpia"), variables);
    }

    /** The owner hands in an IAMA whose {@code stop} assessment says the case stops, for this reason. */
    public void handInIamaThatStops(ProcessInstance instance, String reason) {
        Map<String, Object> variables = new HashMap<>(ownerHandIn("IAMA handed in"));
        variables.put("iamaStop", true);
        variables.put("stopReason", reason);
        complete(SUBMITTER, openTask(instance, "fillInIama"), variables);
    }

    /** Runs the publication, which the process leaves to a job after the publisher's approval (asyncBefore). */
    public void runPublication(ProcessInstance instance) {
        var job = engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId("publishEntry")
                .singleResult();
        if (job == null) {
            throw new AssertionError("No publication job in " + instance.getBusinessKey());
        }
        engine.getManagementService().executeJob(job.getId());
    }

    public void decide(Actor reviewer, ProcessInstance instance, String taskKey, String outcome, String rationale) {
        complete(reviewer, openTask(instance, taskKey), decision(reviewer, outcome, rationale));
    }

    public static Map<String, Object> decision(Actor reviewer, String outcome, String rationale) {
        return Map.of(ProcessVariables.OUTCOME, outcome, ProcessVariables.RATIONALE, rationale,
                ProcessVariables.DECIDED_BY, reviewer.id());
    }

    private static Map<String, Object> ownerHandIn(String rationale) {
        return Map.of(ProcessVariables.OUTCOME, ReviewTask.SUBMIT, ProcessVariables.RATIONALE, rationale,
                ProcessVariables.DECIDED_BY, SUBMITTER.id());
    }

    public void complete(Actor actor, Task task, Map<String, Object> variables) {
        run(actor, () -> engine.getTaskService().complete(task.getId(), variables));
    }

    public void claim(Actor actor, Task task) {
        run(actor, () -> engine.getTaskService().claim(task.getId(), actor.id()));
    }

    public long openTaskCount(ProcessInstance instance) {
        return engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count();
    }

    public Task openTask(ProcessInstance instance, String taskKey) {
        Task task = engine.getTaskService().createTaskQuery()
                .processInstanceId(instance.getId())
                .taskDefinitionKey(taskKey)
                .singleResult();
        if (task == null) {
            throw new AssertionError("No open task '" + taskKey + "' in " + instance.getBusinessKey());
        }
        return task;
    }

    /** Signs in as the person, with their role as group and the case's organisation as tenant, as {@code EngineSession} does. */
    public <T> T as(Actor actor, Supplier<T> work) {
        engine.getIdentityService().setAuthentication(actor.id(), List.of(actor.role()), List.of(ORGANISATION));
        try {
            return work.get();
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    public void run(Actor actor, Runnable work) {
        as(actor, () -> {
            work.run();
            return null;
        });
    }
}
