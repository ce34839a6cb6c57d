package nl.transparant.workflow;

import nl.transparant.workflow.review.ReviewCases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.transparant.workflow.review.ReviewEvents.TaskAssigned;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Claims and releases reach the application whichever engine client makes them; a refused claim does not. */
class TaskAssignmentListenerTest {

    static final RecordedEvents events = new RecordedEvents();
    static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = WorkflowTestEngine.plain("task-assignment-test", events);
        WorkflowTestEngine.deployReviewModels(engine);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void claimAndReleaseOfAReviewTaskAreReportedButARefusedClaimIsNot() {
        ReviewCases cases = new ReviewCases(engine);
        String caseId = ReviewCases.newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "profiling", "dpia:required");
        cases.handIn(instance, "fillInDpia");
        Task review = cases.openTask(instance, "reviewDpia");

        assertThatThrownBy(() -> cases.claim(ReviewCases.SUBMITTER, review)).isInstanceOf(Exception.class);
        cases.claim(ReviewCases.PRIVACY_OFFICER, review);
        cases.run(ReviewCases.PRIVACY_OFFICER, () -> engine.getTaskService().setAssignee(review.getId(), null));

        assertThat(events.ofType(TaskAssigned.class).stream().filter(e -> caseId.equals(e.caseId())).toList()).containsExactly(
                new TaskAssigned(caseId, "reviewDpia", "Review the DPIA", ReviewCases.PRIVACY_OFFICER.id(),
                        ReviewCases.PRIVACY_OFFICER.id()),
                new TaskAssigned(caseId, "reviewDpia", "Review the DPIA", null, ReviewCases.PRIVACY_OFFICER.id()));
    }
}
