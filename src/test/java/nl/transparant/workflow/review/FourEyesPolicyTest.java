package nl.transparant.workflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.transparant.assessment.PoliciesReloaded;
import nl.transparant.assessment.ReloadReport;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code policies/four-eyes.yaml} against the BPMN files in {@code processes/}: every user task is covered, a task for
 * the project owner is work and a task for any other role is a review. A task added to a BPMN without its line in the
 * policy fails here (and the application refuses to start).
 */
class FourEyesPolicyTest {

    static final Path POLICY = Path.of("policies", "four-eyes.yaml");
    static final Path PROCESSES = Path.of("processes");

    record Step(String process, String task, List<String> candidateGroups) {
    }

    @Test
    void everyUserTaskOfEveryProcessIsWorkForTheOwnerAndAReviewForAnyOtherRole() throws IOException {
        FourEyesPolicy policy = FourEyesPolicy.read(POLICY);
        List<Step> steps = userTasksOf(PROCESSES);
        assertThat(steps).extracting(Step::task).contains("answerPreScan", "fillInDpia", "reviewDpia", "reviewEthics",
                "releasePublication", "decideRetirement");

        for (Step step : steps) {
            assertThat(step.candidateGroups()).as("%s/%s has candidate groups", step.process(), step.task()).isNotEmpty();
            FourEyesPolicy.Kind expected = step.candidateGroups().equals(List.of("project-owner"))
                    ? FourEyesPolicy.Kind.WORK : FourEyesPolicy.Kind.REVIEW;
            assertThat(policy.kindOf(step.process(), step.task())).as("%s/%s (groups %s) in %s", step.process(), step.task(),
                    step.candidateGroups(), POLICY).contains(expected);
        }
        // every case that is reviewed at all counts its submission as work
        steps.stream().filter(step -> policy.kindOf(step.process(), step.task()).orElseThrow() == FourEyesPolicy.Kind.REVIEW)
                .forEach(review -> assertThat(policy.workOf(review.process())).as(review.process()).contains(FourEyesPolicy.SUBMISSION));
        assertThat(policy.kindOf("algorithm-review", FourEyesPolicy.SUPERVISOR_ADVICE)).contains(FourEyesPolicy.Kind.REVIEW);
        assertThat(policy.kindOf("algorithm-review", FourEyesPolicy.ETHICS_VOTE)).contains(FourEyesPolicy.Kind.REVIEW);
    }

    @Test
    void aStepThePolicyDoesNotNameIsNeitherWorkNorReview() {
        FourEyesPolicy policy = FourEyesPolicy.read(POLICY);
        assertThat(policy.kindOf("algorithm-review", "aNewTask")).isEmpty();
        assertThat(policy.kindOf("a-new-process", "reviewDpia")).isEmpty();
    }

    @Test
    void aUserTaskAddedToABpmnWithoutItsLineInThePolicyKeepsThePreviousPolicyAndIsReported(@TempDir Path dir) throws IOException {
        Path processes = Files.createDirectories(dir.resolve("processes"));
        Path policyFile = Files.copy(POLICY, dir.resolve("four-eyes.yaml"));
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path file : files.toList()) {
                Files.copy(file, processes.resolve(file.getFileName()));
            }
        }
        List<Object> events = new ArrayList<>();
        FourEyes fourEyes = new FourEyes(policyFile, processes, events::add);
        FourEyesPolicy before = fourEyes.policy();

        Path review = processes.resolve("algorithm-review.bpmn");
        Files.writeString(review, Files.readString(review).replace("\"reviewDpia\"", "\"secondOpinion\""));
        ReloadReport report = fourEyes.reload();

        assertThat(report.hasErrors()).isTrue();
        assertThat(report.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.subject()).isEqualTo("algorithm-review/secondOpinion");
            assertThat(problem.message()).contains("neither 'work' nor a review");
        });
        assertThat(report.keptPrevious()).containsExactly("four-eyes.yaml");
        assertThat(fourEyes.policy()).isSameAs(before);
        assertThat(events).last().isInstanceOf(PoliciesReloaded.class);
        assertThat(((PoliciesReloaded) events.get(events.size() - 1)).errors()).isEqualTo(1);

        Files.writeString(policyFile, Files.readString(policyFile).replace("- reviewDpia", "- secondOpinion"));
        assertThat(fourEyes.reload().hasErrors()).isFalse();
        assertThat(fourEyes.policy().kindOf("algorithm-review", "secondOpinion")).contains(FourEyesPolicy.Kind.REVIEW);
    }

    @Test
    void theApplicationDoesNotStartWhileATaskIsUncovered(@TempDir Path dir) throws IOException {
        Path processes = Files.createDirectories(dir.resolve("processes"));
        Files.writeString(processes.resolve("algorithm-review.bpmn"),
                Files.readString(PROCESSES.resolve("algorithm-review.bpmn")).replace("\"releasePublication\"", "\"releaseQuickly\""));

        assertThatThrownBy(() -> new FourEyes(POLICY, processes, event -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("algorithm-review/releaseQuickly");
    }

    @Test
    void aPolicyThatCallsOneStepBothWorkAndReviewOrLacksAListIsRefused(@TempDir Path dir) throws IOException {
        Path both = Files.writeString(dir.resolve("both.yaml"), """
                processes:
                  algorithm-review:
                    work: [submission, fillInDpia]
                    reviews: [fillInDpia]
                """);
        Path lacking = Files.writeString(dir.resolve("lacking.yaml"), """
                processes:
                  algorithm-review:
                    reviews: [reviewDpia]
                """);

        assertThatThrownBy(() -> FourEyesPolicy.read(both)).hasMessageContaining("'fillInDpia' is listed as both work and review");
        assertThatThrownBy(() -> FourEyesPolicy.read(lacking)).hasMessageContaining("needs exactly the lists 'work' and 'reviews'");
    }

    /** Every user task in the BPMN files, with its process and candidate groups, parsed here independently of FourEyes. */
    static List<Step> userTasksOf(Path folder) throws IOException {
        List<Step> steps = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                for (UserTask task : Bpmn.readModelFromFile(file.toFile()).getModelElementsByType(UserTask.class)) {
                    String groups = task.getCamundaCandidateGroups();
                    steps.add(new Step(processOf(task), task.getId(), groups == null ? List.of()
                            : Stream.of(groups.split(",")).map(String::strip).toList()));
                }
            }
        }
        return steps;
    }

    private static String processOf(ModelElementInstance element) {
        ModelElementInstance parent = element.getParentElement();
        while (!(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return ((Process) parent).getId();
    }
}
