package nl.transparant.workflow.review;

import nl.transparant.workflow.ProcessVariables;
import nl.transparant.workflow.RecordedEvents;
import nl.transparant.workflow.WorkflowTestEngine;

import static nl.transparant.workflow.review.ReviewCases.ETHICS_MEMBER;
import static nl.transparant.workflow.review.ReviewCases.PRIVACY_OFFICER;
import static nl.transparant.workflow.review.ReviewCases.SUBMITTER;
import static nl.transparant.workflow.review.ReviewCases.decision;
import static nl.transparant.workflow.review.ReviewCases.newCaseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.HashMap;
import java.util.Map;
import nl.transparant.workflow.review.ReviewCases.Actor;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The four-eyes rule inside the engine ({@link SegregationOfDutiesListener} with {@link FourEyes}): a second owner of the
 * organisation who also holds a reviewing role did work on the case, so the engine refuses them its reviews — whichever
 * client calls the engine (these calls are what the engine's REST API and Cockpit make too), and whatever variables they
 * send. Who did the work is read from the engine's history, including a completion without a claim.
 */
class FourEyesTest {

    /** A second project owner of the organisation who is also its privacy officer (the demo's owner-privacy-zoetermeer). */
    static final Actor OWNER_AND_OFFICER = new Actor("noor.owner-privacy", "privacy-officer");

    @RegisterExtension
    static final ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(WorkflowTestEngine.plain("four-eyes-test", new RecordedEvents()))
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

    @Test
    void whoFilledInTheDpiaWithoutClaimingItCanNeitherClaimNorApproveItsReview() {
        ProcessInstance instance = cases.submit(newCaseId(), "personalData", "sensitiveData", "dpia:required");
        cases.complete(OWNER_AND_OFFICER, cases.openTask(instance, "fillInDpia"), handIn(Map.of("residualRisk", "laag")));
        Task review = cases.openTask(instance, "reviewDpia");

        assertRefused(() -> cases.complete(OWNER_AND_OFFICER, review, decision(OWNER_AND_OFFICER, "approve", "Mijn eigen DPIA is prima.")),
                "You did work on this case (fillInDpia)");
        assertRefused(() -> cases.claim(OWNER_AND_OFFICER, review), "You did work on this case (fillInDpia)");
        assertRefused(() -> cases.run(PRIVACY_OFFICER, () -> processEngine.getTaskService().setAssignee(review.getId(), OWNER_AND_OFFICER.id())),
                "'" + OWNER_AND_OFFICER.id() + "' did work on this case (fillInDpia)");
        assertThat(instance).isWaitingAt("reviewDpia").task().isNotAssigned();

        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Someone else looked at it.");
        assertThat(instance).hasPassed("reviewDpia");
    }

    /**
     * An owner's work task handed to a privacy officer (by an administrator) and completed by the owner made that officer's
     * own review of the DPIA refused, as if they had answered the pre-scan (outside tester): the one who completed a work
     * task is known from the engine's log, so its assignee is not counted.
     */
    @Test
    void aWorkTaskAssignedToAReviewerButCompletedByTheOwnerIsTheOwnersWork() {
        ProcessInstance instance = cases.start(newCaseId());
        Task preScan = cases.openTask(instance, "answerPreScan");
        processEngine.getTaskService().setAssignee(preScan.getId(), PRIVACY_OFFICER.id());
        Map<String, Object> answers = new HashMap<>(ReviewCases.answers("personalData", "sensitiveData", "dpia:required"));
        answers.putAll(handIn(Map.of()));
        cases.complete(SUBMITTER, preScan, answers);
        cases.handIn(instance, "fillInDpia");

        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Ik deed hier geen werk aan.");
        assertThat(instance).hasPassed("reviewDpia");
    }

    @Test
    void whoClaimedAndAnsweredThePreScanCannotApproveTheDpiaEvenByRewritingTheVariables() {
        ProcessInstance instance = cases.start(newCaseId());
        Task preScan = cases.openTask(instance, "answerPreScan");
        Map<String, Object> answers = new HashMap<>(ReviewCases.answers("personalData", "sensitiveData", "dpia:required"));
        answers.putAll(handIn(Map.of()));
        cases.claim(OWNER_AND_OFFICER, preScan);
        cases.complete(OWNER_AND_OFFICER, preScan, answers);
        cases.handIn(instance, "fillInDpia");

        Map<String, Object> disguised = new HashMap<>(decision(OWNER_AND_OFFICER, "approve", "Fine."));
        disguised.put("decidedBy", PRIVACY_OFFICER.id());
        disguised.put("submitter", "someone-else");
        assertRefused(() -> cases.complete(OWNER_AND_OFFICER, cases.openTask(instance, "reviewDpia"), disguised),
                "You did work on this case (answerPreScan)");
        assertThat(instance).isWaitingAt("reviewDpia");
    }

    @Test
    void whoRevisedTheCaseForTheCommitteeCannotDecideTheEthicsReview() {
        Actor ownerAndMember = new Actor("eva.owner-ethics", "ethics-committee");
        ProcessInstance instance = cases.submit(newCaseId(), "personalData", "sensitiveData", "dpia:required");
        cases.handIn(instance, "fillInDpia");
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Fine.");
        cases.handIn(instance, "fillInIama");
        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "send-back", "Explain the oversight.");
        cases.complete(ownerAndMember, cases.openTask(instance, "reviseForEthics"), handIn(Map.of()));

        assertRefused(() -> cases.decide(ownerAndMember, instance, "reviewEthics", "approve", "My revision is good."),
                "You did work on this case (reviseForEthics)");
        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "approve", "Fine now.");
        assertThat(instance).hasPassed("reviewEthics").isWaitingAt("releasePublication");
    }

    @Test
    void aUserTaskThePolicyDoesNotCoverCanBeNeitherClaimedNorCompleted() {
        processEngine.getRepositoryService().createDeployment().addModelInstance("uncovered.bpmn",
                Bpmn.createExecutableProcess("algorithm-review-variant").camundaHistoryTimeToLive(1)
                        .startEvent().userTask("secondOpinion").camundaCandidateGroups("privacy-officer").endEvent().done())
                .deploy();
        ProcessInstance instance = cases.as(SUBMITTER, () -> processEngine.getRuntimeService()
                .startProcessInstanceByKey("algorithm-review-variant", newCaseId()));
        Task task = cases.openTask(instance, "secondOpinion");

        assertRefused(() -> cases.claim(PRIVACY_OFFICER, task), "does not say whether 'secondOpinion' of 'algorithm-review-variant'");
        assertRefused(() -> cases.complete(PRIVACY_OFFICER, task, Map.of()), "policies/four-eyes.yaml");
        assertThat(instance).isWaitingAt("secondOpinion");
    }

    private static Map<String, Object> handIn(Map<String, Object> answers) {
        Map<String, Object> variables = new HashMap<>(answers);
        variables.put(ProcessVariables.OUTCOME, ReviewTask.SUBMIT);
        variables.put(ProcessVariables.RATIONALE, "Handed in.");
        return variables;
    }

    /** The engine refused because of a {@link SegregationOfDutiesViolation}, found in the cause chain (Camunda wraps it). */
    private static void assertRefused(ThrowingCallable call, String reason) {
        Logger commandContext = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.context");
        Level level = commandContext.getLevel();
        commandContext.setLevel(Level.OFF); // the engine logs every failed command as an ERROR; these are expected
        Throwable thrown;
        try {
            thrown = catchThrowable(call);
        } finally {
            commandContext.setLevel(level);
        }
        assertThat(SegregationOfDutiesViolation.in(thrown)).as("a SegregationOfDutiesViolation in the cause chain of %s", thrown)
                .hasValueSatisfying(violation -> assertThat(violation).hasMessageContaining(reason));
    }
}
