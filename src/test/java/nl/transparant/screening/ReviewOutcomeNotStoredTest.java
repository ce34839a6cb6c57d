package nl.transparant.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.DemoAccount;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.TaskCompletion;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A review's outcome exists only for the gateway after it (issue 14: storing it, clearing it at the next review and
 * storing it again cost about twenty statements a cycle). Through the application nothing of it is stored, in the
 * runtime or the history, and a later review completed through the engine without an outcome of its own is still
 * refused: it never inherits the one before.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:review-outcome-not-stored;MODE=MariaDB;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=false"})
class ReviewOutcomeNotStoredTest {

    @Autowired
    Cases cases;
    @Autowired
    ReviewProcess reviewProcess;
    @Autowired
    ReviewTasks reviewTasks;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;

    @Test
    void anOutcomeDecidedThroughTheApplicationIsNeverStoredNorInherited() {
        StaffUser owner = account("owner-zoetermeer");
        StaffUser officer = account("privacy-zoetermeer");
        StaffUser publisher = account("publisher-zoetermeer");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Uitkomst " + System.nanoTime());
        fields.put("description_short", "Voor de test van een uitkomst die niet bewaard wordt.");
        fields.put("status", "In ontwikkeling");
        fields.put("contact_email", "algoritmes@example.org");
        AlgorithmCase created = cases.create(owner, null, fields, null);
        cases.submit(owner, created.getId());
        String caseId = created.getId();

        reviewProcess.complete(owner, only(owner, caseId, "answerPreScan").id(),
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        reviewProcess.complete(owner, only(owner, caseId, "fillInDpia").id(),
                new TaskCompletion(null, "DPIA ingevuld", DpiaAnswers.lowResidualRisk()));
        reviewProcess.complete(officer, only(officer, caseId, "reviewDpia").id(), new TaskCompletion("approve", "Akkoord.", null));

        ReviewTask release = only(publisher, caseId, "releasePublication");
        String instance = taskService.createTaskQuery().taskId(release.id()).singleResult().getProcessInstanceId();
        assertThat(runtimeService.getVariables(instance)).as("the privacy officer's outcome is gone with its completion")
                .doesNotContainKey("outcome").containsEntry("decidedBy", officer.id());
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("outcome").count())
                .as("nor was it ever stored").isZero();
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().list())
                .as("no update of it either")
                .noneMatch(d -> "outcome".equals(((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getVariableName()));
        assertThat(runtimeService.getVariables(instance)).as("who submitted is the engine's start user, kept once")
                .containsEntry("starter", owner.id()).doesNotContainKey("submitter");

        identityService.setAuthentication(publisher.id(), List.of("register-publisher"), List.of("zoetermeer"));
        try {
            assertThatThrownBy(() -> taskService.complete(release.id(), Map.of("rationale", "Zonder uitkomst.")))
                    .as("a completion through the engine without an outcome of its own")
                    .hasMessageContaining("needs an outcome");
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(taskService.createTaskQuery().taskId(release.id()).count()).as("the release still waits").isOne();
    }

    private ReviewTask only(StaffUser user, String caseId, String activityId) {
        List<ReviewTask> open = reviewTasks.openTasks(user, caseId);
        assertThat(open).extracting(ReviewTask::activityId).containsExactly(activityId);
        return open.get(0);
    }

    private static StaffUser account(String username) {
        return DemoAccount.ALL_ACCOUNTS.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().staffUser();
    }
}
