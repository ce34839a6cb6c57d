package nl.transparant.workflow.review;

import nl.transparant.workflow.RecordedEvents;
import nl.transparant.workflow.WorkflowTestEngine;

import static nl.transparant.workflow.review.ReviewCases.ETHICS_MEMBER;
import static nl.transparant.workflow.review.ReviewCases.PRIVACY_OFFICER;
import static nl.transparant.workflow.review.ReviewCases.PUBLISHER;
import static nl.transparant.workflow.review.ReviewCases.SUBMITTER;
import static nl.transparant.workflow.review.ReviewCases.decision;
import static nl.transparant.workflow.review.ReviewCases.newCaseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.Map;
import nl.transparant.workflow.review.ReviewCases.Actor;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The engine itself keeps the submitter of a case away from its reviews ({@link SegregationOfDutiesListener},
 * wired to every user task whose candidate group is not {@code project-owner}), whatever client calls it.
 */
class SegregationOfDutiesTest {

    static final RecordedEvents EVENTS = new RecordedEvents();

    @RegisterExtension
    static final ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(WorkflowTestEngine.plain("segregation-of-duties-test", EVENTS))
            .build();

    /** Injected by the extension. */
    ProcessEngine processEngine;

    ReviewCases cases;

    @BeforeEach
    void deploy() {
        WorkflowTestEngine.deployReviewModels(processEngine);
        BpmnAwareTests.init(processEngine);
        cases = new ReviewCases(processEngine);
    }

    @AfterEach
    void signOut() {
        processEngine.getIdentityService().clearAuthentication();
        BpmnAwareTests.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reviewDpia", "reviewEthics", "releasePublication"})
    void theSubmitterCanNeitherCompleteNorClaimAReviewOfTheirOwnCase(String reviewTask) {
        ProcessInstance instance = caseWaitingAt(reviewTask);
        Task task = cases.openTask(instance, reviewTask);

        assertRefused(() -> cases.complete(SUBMITTER, task, decision(SUBMITTER, "approve", "Looks fine to me.")),
                "You submitted this case");
        assertRefused(() -> cases.claim(SUBMITTER, task), "You submitted this case");

        assertThat(instance).isWaitingAt(reviewTask).task().isNotAssigned();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reviewDpia", "reviewEthics", "releasePublication"})
    void rewritingTheSubmitterVariableDoesNotLetTheSubmitterThrough(String reviewTask) {
        ProcessInstance instance = caseWaitingAt(reviewTask);
        Task task = cases.openTask(instance, reviewTask);
        Map<String, Object> disguised = new HashMap<>(decision(SUBMITTER, "approve", "Someone else submitted this."));
        disguised.put("submitter", "someone-else");
        // the engine's own record of who started it, which the task list reads, rewritten too
        disguised.put("starter", "someone-else");

        assertRefused(() -> cases.complete(SUBMITTER, task, disguised), "You submitted this case");
        assertThat(instance).isWaitingAt(reviewTask);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reviewEthics", "releasePublication"})
    void aReviewNeedsItsOwnOutcomeAndNeverInheritsThePreviousOne(String reviewTask) {
        ProcessInstance instance = caseWaitingAt(reviewTask);
        Task task = cases.openTask(instance, reviewTask);
        Actor reviewer = "reviewEthics".equals(reviewTask) ? ETHICS_MEMBER : PUBLISHER;

        assertThat(withoutEngineErrorLog(() -> cases.complete(reviewer, task, Map.of()))).hasMessageContaining("needs an outcome");
        assertThat(withoutEngineErrorLog(() -> cases.complete(reviewer, task, Map.of("outcome", "maybe"))))
                .hasMessageContaining("needs an outcome");
        assertThat(instance).isWaitingAt(reviewTask);

        cases.complete(reviewer, task, Map.of("outcome", "approve", "decidedBy", "someone-else"));
        if ("releasePublication".equals(reviewTask)) {
            cases.runPublication(instance);
            assertThat(EVENTS.publicationsOf(instance.getBusinessKey())).singleElement()
                    .extracting(ReviewEvents.PublicationReleased::releasedBy).isEqualTo(reviewer.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reviewDpia", "reviewEthics", "releasePublication"})
    void aReviewCannotBeCompletedOrClaimedWithoutASignedInPerson(String reviewTask) {
        ProcessInstance instance = caseWaitingAt(reviewTask);
        Task task = cases.openTask(instance, reviewTask);
        processEngine.getIdentityService().clearAuthentication();

        assertRefused(() -> processEngine.getTaskService().complete(task.getId(), decision(PUBLISHER, "approve", "Anonymous")),
                "can only be completed by a signed-in person");
        assertRefused(() -> processEngine.getTaskService().claim(task.getId(), PUBLISHER.id()),
                "by a signed-in person");

        assertThat(instance).isWaitingAt(reviewTask).task().isNotAssigned();
    }

    @Test
    void nobodyCanAssignAReviewToTheSubmitter() {
        ProcessInstance instance = caseWaitingAt("reviewDpia");
        Task task = cases.openTask(instance, "reviewDpia");

        assertRefused(() -> cases.run(PRIVACY_OFFICER, () -> processEngine.getTaskService().setAssignee(task.getId(), SUBMITTER.id())),
                "'" + SUBMITTER.id() + "' submitted this case");

        assertThat(instance).isWaitingAt("reviewDpia").task().isNotAssigned();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reviewDpia", "reviewEthics", "releasePublication"})
    void anotherPersonClaimsAndCompletesTheReview(String reviewTask) {
        ProcessInstance instance = caseWaitingAt(reviewTask);
        Actor reviewer = reviewerOf(reviewTask);
        Task task = cases.openTask(instance, reviewTask);

        cases.claim(reviewer, task);
        assertThat(instance).task(reviewTask).isAssignedTo(reviewer.id());
        cases.complete(reviewer, task, decision(reviewer, "approve", "Fine."));

        assertThat(instance).hasPassed(reviewTask);
        assertThat(processEngine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult()
                .getAssignee()).isEqualTo(reviewer.id());
    }

    @Test
    void anAssignedReviewCanAlwaysBeHandedBack() {
        ProcessInstance instance = caseWaitingAt("reviewDpia");
        Task task = cases.openTask(instance, "reviewDpia");
        cases.claim(PRIVACY_OFFICER, task);
        processEngine.getIdentityService().clearAuthentication();

        processEngine.getTaskService().setAssignee(task.getId(), null);

        assertThat(instance).task("reviewDpia").isNotAssigned();
    }

    @Test
    void theSubmitterClaimsAndCompletesEveryProjectOwnerTaskOfTheirCase() {
        ProcessInstance instance = cases.start(newCaseId());
        claimAndHandIn(instance, "answerPreScan",
                ReviewCases.answers("personalData", "sensitiveData", "dpia:required"));
        claimAndHandIn(instance, "fillInDpia", Map.of("residualRisk", "laag"));
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Fine.");
        claimAndHandIn(instance, "fillInIama", Map.of("iamaStop", false));
        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "send-back", "Explain the oversight.");
        claimAndHandIn(instance, "reviseForEthics", null);
        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "approve", "Fine.");
        cases.decide(PUBLISHER, instance, "releasePublication", "send-back", "Add a contact.");
        claimAndHandIn(instance, "reviseForPublication", null);
        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Fine.");
        cases.runPublication(instance);

        assertThat(instance).isEnded().hasPassed("answerPreScan", "fillInDpia", "fillInIama", "reviseForEthics", "reviseForPublication",
                "published");
        assertThat(processEngine.getHistoryService().createHistoricTaskInstanceQuery()
                .processInstanceId(instance.getId()).taskAssignee(SUBMITTER.id()).count()).isEqualTo(5);
    }

    private void claimAndHandIn(ProcessInstance instance, String ownerTask, Map<String, Object> answers) {
        Task task = cases.openTask(instance, ownerTask);
        assertThat(task).hasCandidateGroup("project-owner");
        Map<String, Object> variables = new HashMap<>(decision(SUBMITTER, ReviewTask.SUBMIT, "Handed in."));
        if (answers != null) {
            variables.putAll(answers);
        }
        cases.claim(SUBMITTER, task);
        cases.complete(SUBMITTER, task, variables);
    }

    /**
     * The engine refused the call because of a {@link SegregationOfDutiesViolation}. Camunda 7 wraps whatever a task
     * listener throws in a {@code ProcessEngineException} (ENGINE-03051), so the violation is found in the cause chain.
     */
    private static void assertRefused(ThrowingCallable call, String reason) {
        Throwable thrown = withoutEngineErrorLog(call);
        assertThat(thrown).as("the engine refuses the call").isNotNull();
        Throwable violation = thrown;
        while (violation != null && !(violation instanceof SegregationOfDutiesViolation)) {
            violation = violation.getCause();
        }
        assertThat(violation).as("a SegregationOfDutiesViolation in the cause chain of %s", thrown)
                .isInstanceOf(SegregationOfDutiesViolation.class)
                .hasMessageContaining(reason);
    }

    /**
     * A refusal is the caller's doing, not a server fault: the engine must not log it as an ERROR with its stack trace
     * (ENGINE-16004, some 170 lines per refusal before {@code RefusalsAreNotErrors}, outside test 2026-12-06).
     */
    private static Throwable withoutEngineErrorLog(ThrowingCallable call) {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Throwable thrown = withEngineLog(log, call);
        assertThat(log.list).as("what the engine logged about the refusal").noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
        return thrown;
    }

    /** What the engine's command context logs while the call runs (the caller's exception returned, not thrown). */
    static Throwable withEngineLog(ListAppender<ILoggingEvent> log, ThrowingCallable call) {
        Logger commandContext = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.context");
        log.start();
        commandContext.addAppender(log);
        try {
            return catchThrowable(call);
        } finally {
            commandContext.detachAppender(log);
        }
    }

    @Test
    void anyOtherFailureInsideTheEngineIsStillLoggedAsAnError() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Throwable thrown = withEngineLog(log, () -> ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) processEngine
                .getProcessEngineConfiguration()).getCommandExecutorTxRequired().execute(context -> {
                    throw new IllegalStateException("a fault of the server");
                }));

        assertThat(thrown).hasMessage("a fault of the server");
        assertThat(log.list).anyMatch(event -> event.getLevel() == Level.ERROR && event.getFormattedMessage().contains("ENGINE-16004"));
    }

    /** A case whose route needs every review (sensitive personal data, DPIA required), brought to the given review task. */
    private ProcessInstance caseWaitingAt(String reviewTask) {
        ProcessInstance instance = cases.submit(newCaseId(), "personalData", "sensitiveData", "dpia:required");
        cases.handIn(instance, "fillInDpia");
        if (reviewTask.equals("reviewDpia")) {
            return instance;
        }
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Fine.");
        cases.handIn(instance, "fillInIama");
        if (reviewTask.equals("reviewEthics")) {
            return instance;
        }
        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "approve", "Fine.");
        return instance;
    }

    private static Actor reviewerOf(String reviewTask) {
        return switch (reviewTask) {
            case "reviewDpia" -> PRIVACY_OFFICER;
            case "reviewEthics" -> ETHICS_MEMBER;
            default -> PUBLISHER;
        };
    }
}
