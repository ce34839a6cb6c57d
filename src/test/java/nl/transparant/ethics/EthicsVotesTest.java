package nl.transparant.ethics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseDecision;
import nl.transparant.cases.CaseStage;
import nl.transparant.cases.Cases;
import nl.transparant.ethics.EthicsEvents.EthicsVoteCast;
import nl.transparant.ethics.EthicsVotes.Ballot;
import nl.transparant.identity.DemoAccount;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.IamaAnswers;
import nl.transparant.workflow.review.ApprovalBlocked;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.TaskCompletion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.event.EventListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The committee votes on H2 through the services: the quorum rule from a copy of policies/ethics-committee.yaml
 * (changed between tests without a restart), one vote per member per round, the submitter kept out, and the
 * conditions of an approval tracked on the case until the owner marks them met.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:ethics-votes;MODE=MariaDB;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000",
        "transparant.demo-data=false"})
@Import(EthicsVotesTest.Recorder.class)
class EthicsVotesTest {

    static final Path POLICY = copyOfThePolicy();
    static final StaffUser OWNER = account("owner-zoetermeer");
    static final StaffUser ETHICS_A = account("ethics-regional");
    static final StaffUser ETHICS_B = account("ethics-second");
    static final StaffUser ETHICS_C = new StaffUser("ethics-third", "Derde lid", java.util.Set.of(Role.ETHICS_COMMITTEE),
            java.util.Set.of("zoetermeer"));
    static final StaffUser ETHICS_ELSEWHERE = new StaffUser("ethics-nissewaard", "Elders", java.util.Set.of(Role.ETHICS_COMMITTEE),
            java.util.Set.of("nissewaard"));
    static final StaffUser OWNER_AND_ETHICS = new StaffUser("owner-ethics-zoetermeer", "Eigenaar en commissielid",
            java.util.Set.of(Role.PROJECT_OWNER, Role.ETHICS_COMMITTEE), java.util.Set.of("zoetermeer"));

    @Autowired
    Cases cases;
    @Autowired
    ReviewProcess reviewProcess;

    @Autowired
    ReviewTasks reviewTasks;
    @Autowired
    EthicsVotes ethicsVotes;
    @Autowired
    Recorder recorder;

    @DynamicPropertySource
    static void policy(DynamicPropertyRegistry registry) {
        registry.add("transparant.ethics-committee-policy", POLICY::toString);
    }

    @AfterEach
    void restorePolicy() throws IOException {
        Files.copy(Path.of("policies", "ethics-committee.yaml"), POLICY, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void twoPositiveVotesApproveAndTheConditionsBecomeOpenItemsTheOwnerMarksMet() {
        String caseId = caseAtEthicsReview(OWNER);
        var first = ethicsVotes.cast(ETHICS_A, caseId, new Ballot("positive-with-conditions", "Proportioneel, mits gemonitord.",
                List.of("Jaarlijkse biasmonitor", "Evaluatie na 12 maanden")));
        assertThat(first.decided()).as("one vote is below the quorum of 2").isEmpty();
        assertThat(stage(caseId)).isEqualTo(CaseStage.ETHICS_REVIEW);
        assertThat(recorder.cast).filteredOn(e -> e.caseId().equals(caseId)).extracting(EthicsVoteCast::voter)
                .containsExactly("ethics-regional");

        var second = ethicsVotes.cast(ETHICS_B, caseId, new Ballot("positive", "Geen bezwaar.", null));
        assertThat(second.decided()).contains("approve");
        assertThat(stage(caseId)).isEqualTo(CaseStage.PUBLICATION_REVIEW);
        CaseDecision decision = lastDecision(caseId);
        assertThat(decision.getOutcome()).isEqualTo("approve");
        assertThat(decision.getDecidedBy()).as("the last voter completes the task").isEqualTo("ethics-second");
        assertThat(decision.getRationale()).contains("ethics-regional: positive-with-conditions", "ethics-second: positive",
                "Jaarlijkse biasmonitor");

        List<EthicsCondition> conditions = ethicsVotes.conditions(OWNER, caseId);
        assertThat(conditions).extracting(EthicsCondition::text).containsExactly("Jaarlijkse biasmonitor", "Evaluatie na 12 maanden");
        assertThat(conditions).noneMatch(EthicsCondition::met);

        long id = conditions.get(0).id();
        assertThatThrownBy(() -> ethicsVotes.markMet(ETHICS_A, caseId, id, "Klaar")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> ethicsVotes.markMet(OWNER, caseId, id, " ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ethicsVotes.markMet(OWNER, caseId, 999_999, "Klaar")).isInstanceOf(NotFoundException.class);
        EthicsCondition met = ethicsVotes.markMet(OWNER, caseId, id, "Monitor ingericht bij team Data.");
        assertThat(met.met()).isTrue();
        assertThat(met.metBy()).isEqualTo("owner-zoetermeer");
        assertThat(met.metNote()).isEqualTo("Monitor ingericht bij team Data.");
        assertThatThrownBy(() -> ethicsVotes.markMet(OWNER, caseId, id, "Nog eens")).isInstanceOf(ConflictException.class);
        assertThat(ethicsVotes.conditions(OWNER, caseId)).extracting(EthicsCondition::met).containsExactly(true, false);

        // the publisher cannot release while a condition is open; sending back stays possible
        StaffUser publisher = account("publisher-zoetermeer");
        assertThatThrownBy(() -> complete(publisher, caseId, "releasePublication", new TaskCompletion("approve", "Akkoord.", null)))
                .isInstanceOf(ApprovalBlocked.class).hasMessageContaining("1 condition of the ethics committee is still open");
        assertThat(stage(caseId)).isEqualTo(CaseStage.PUBLICATION_REVIEW);
        ethicsVotes.markMet(OWNER, caseId, conditions.get(1).id(), "Evaluatie staat in de planning.");
        complete(publisher, caseId, "releasePublication", new TaskCompletion("approve", "Voorwaarden voldaan.", null));
        assertThat(lastDecision(caseId).getActivityId()).isEqualTo("releasePublication");
    }

    @Test
    void whoeverMarkedAConditionMetDoesNotReleaseTheCase() {
        String caseId = caseAtEthicsReview(OWNER);
        ethicsVotes.cast(ETHICS_A, caseId, new Ballot("positive-with-conditions", "Mits gemonitord.", List.of("Jaarlijkse biasmonitor")));
        ethicsVotes.cast(ETHICS_B, caseId, new Ballot("positive", "Geen bezwaar.", null));
        StaffUser ownerAndPublisher = new StaffUser("owner-publisher-zoetermeer", "Eigenaar en publicist",
                java.util.Set.of(Role.PROJECT_OWNER, Role.REGISTER_PUBLISHER), java.util.Set.of("zoetermeer"));

        ethicsVotes.markMet(ownerAndPublisher, caseId, ethicsVotes.conditions(OWNER, caseId).get(0).id(), "Monitor ingericht.");

        String release = reviewTasks.openTasks(account("publisher-zoetermeer"), caseId).stream()
                .filter(t -> t.activityId().equals("releasePublication")).findFirst().orElseThrow().id();
        assertThatThrownBy(() -> reviewProcess.complete(ownerAndPublisher, release, new TaskCompletion("approve", "Akkoord.", null)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("four eyes");
        assertThat(stage(caseId)).isEqualTo(CaseStage.PUBLICATION_REVIEW);
        complete(account("publisher-zoetermeer"), caseId, "releasePublication", new TaskCompletion("approve", "Voorwaarden voldaan.", null));
        assertThat(lastDecision(caseId).getDecidedBy()).isEqualTo("publisher-zoetermeer");
    }

    @Test
    void aSecondVoteInTheSameRoundIsRefusedAndTheFirstStands() {
        String caseId = caseAtEthicsReview(OWNER);
        ethicsVotes.cast(ETHICS_A, caseId, new Ballot("negative", "Discriminatierisico.", null));
        assertThatThrownBy(() -> ethicsVotes.cast(ETHICS_A, caseId, new Ballot("positive", "Toch akkoord.", null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("al gestemd")
                .satisfies(e -> assertThat(((ConflictException) e).detail(java.util.Locale.ENGLISH)).contains("already voted"));
        assertThat(ethicsVotes.votes(OWNER, caseId)).singleElement()
                .satisfies(v -> assertThat(v.vote()).isEqualTo(Vote.NEGATIVE));
        assertThat(stage(caseId)).isEqualTo(CaseStage.ETHICS_REVIEW);
    }

    @Test
    void aNegativeMajorityRejectsAndATieSendsBack() throws IOException {
        String tied = caseAtEthicsReview(OWNER);
        ethicsVotes.cast(ETHICS_A, tied, new Ballot("negative", "Onvoldoende onderbouwd.", null));
        assertThat(ethicsVotes.cast(ETHICS_B, tied, new Ballot("positive", "Wel proportioneel.", null)).decided()).contains("send-back");
        assertThat(stage(tied)).as("the owner revises for the committee").isEqualTo(CaseStage.REVISION);
        assertThat(lastDecision(tied).getOutcome()).isEqualTo("send-back");
        complete(OWNER, tied, "reviseForEthics", new TaskCompletion(null, "Onderbouwing aangevuld.", null));
        assertThat(ethicsVotes.cast(ETHICS_A, tied, new Ballot("positive", "Nu wel onderbouwd.", null)).decided())
                .as("a new round: the earlier votes no longer count, and the same member votes again").isEmpty();
        assertThat(ethicsVotes.cast(ETHICS_B, tied, new Ballot("positive", "Akkoord.", null)).decided()).contains("approve");
        assertThat(ethicsVotes.votes(OWNER, tied)).hasSize(4);

        Files.writeString(POLICY, Files.readString(POLICY).replace("quorum: 2", "quorum: 3"));
        String rejected = caseAtEthicsReview(OWNER);
        ethicsVotes.cast(ETHICS_A, rejected, new Ballot("negative", "Nee.", null));
        assertThat(ethicsVotes.cast(ETHICS_B, rejected, new Ballot("positive", "Ja.", null)).decided())
                .as("the changed quorum of 3 applies without a restart").isEmpty();
        assertThat(ethicsVotes.cast(ETHICS_C, rejected, new Ballot("negative", "Nee, te veel risico.", null)).decided())
                .contains("reject");
        assertThat(stage(rejected)).isEqualTo(CaseStage.REJECTED);
        assertThat(ethicsVotes.conditions(OWNER, rejected)).isEmpty();
    }

    @Test
    void twoLastVotesAtTheSameMomentStillReachTheQuorum() throws Exception {
        String caseId = caseAtEthicsReview(OWNER);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> {
                start.await();
                return ethicsVotes.cast(ETHICS_A, caseId, new Ballot("positive", "Ja.", null)).decided();
            });
            var b = pool.submit(() -> {
                start.await();
                return ethicsVotes.cast(ETHICS_B, caseId, new Ballot("positive", "Ook ja.", null)).decided();
            });
            start.countDown();
            assertThat(List.of(a.get(), b.get())).as("exactly one of the two completes the quorum")
                    .containsExactlyInAnyOrder(java.util.Optional.empty(), java.util.Optional.of("approve"));
        } finally {
            pool.shutdown();
        }
        assertThat(stage(caseId)).isEqualTo(CaseStage.PUBLICATION_REVIEW);
    }

    @Test
    void aChangedRuleTurnsATieIntoARejection() throws IOException {
        Files.writeString(POLICY, Files.readString(POLICY).replace("on_tie: send-back", "on_tie: reject"));
        String caseId = caseAtEthicsReview(OWNER);
        ethicsVotes.cast(ETHICS_A, caseId, new Ballot("positive", "Ja.", null));
        assertThat(ethicsVotes.cast(ETHICS_B, caseId, new Ballot("negative", "Nee.", null)).decided()).contains("reject");
    }

    @Test
    void theSubmitterOtherOrganisationsAndOtherRolesCannotVote() {
        String caseId = caseAtEthicsReview(OWNER_AND_ETHICS);
        Ballot yes = new Ballot("positive", "Ja.", null);
        assertThatThrownBy(() -> ethicsVotes.cast(OWNER_AND_ETHICS, caseId, yes)).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("submitted");
        assertThatThrownBy(() -> ethicsVotes.cast(ETHICS_ELSEWHERE, caseId, yes)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ethicsVotes.cast(account("privacy-zoetermeer"), caseId, yes)).isInstanceOf(ForbiddenException.class);
        assertThat(ethicsVotes.votes(OWNER_AND_ETHICS, caseId)).isEmpty();
    }

    /** Four eyes: a committee member who is also an owner of the organisation and filled in the IAMA does not vote on it. */
    @Test
    void aMemberWhoDidWorkOnTheCaseCannotVoteOnIt() {
        AlgorithmCase created = cases.create(OWNER, "zoetermeer", fields(), null);
        cases.submit(OWNER, created.getId());
        String caseId = created.getId();
        complete(OWNER, caseId, "answerPreScan", new TaskCompletion(null, null,
                PreScanAnswers.of("personalData", "profiling", "largeScale", "matchingDatasets")));
        complete(OWNER, caseId, "fillInDpia", new TaskCompletion(null, "DPIA ingevuld", DpiaAnswers.lowResidualRisk()));
        complete(account("privacy-zoetermeer"), caseId, "reviewDpia", new TaskCompletion("approve", "Voldoende.", null));
        complete(OWNER_AND_ETHICS, caseId, "fillInIama", new TaskCompletion(null, "IAMA ingevuld", IamaAnswers.proceeding()));

        assertThat(ethicsVotes.roundOpenTo(OWNER_AND_ETHICS, cases.read(OWNER_AND_ETHICS, caseId))).as("no vote offered").isEmpty();
        assertThatThrownBy(() -> ethicsVotes.cast(OWNER_AND_ETHICS, caseId, new Ballot("positive", "Mijn IAMA klopt.", null)))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("did work on this case (fillInIama)");
        assertThat(ethicsVotes.votes(OWNER, caseId)).isEmpty();

        ethicsVotes.cast(ETHICS_A, caseId, new Ballot("positive", "Ja.", null));
        assertThat(ethicsVotes.cast(ETHICS_B, caseId, new Ballot("positive", "Ja.", null)).decided()).contains("approve");
    }

    @Test
    void badBallotsAreRefusedAndAVoteOutsideTheEthicsReviewIsAConflict() {
        String caseId = caseAtEthicsReview(OWNER);
        assertThatThrownBy(() -> ethicsVotes.cast(ETHICS_A, caseId, new Ballot("maybe", "Hm.", null)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    // told in the reader's language, the choices by their labels rather than their codes
                    InvalidInputException invalid = (InvalidInputException) e;
                    assertThat(invalid.detail(java.util.Locale.forLanguageTag("nl"))).isEqualTo("Deze stem kan zo niet worden uitgebracht.");
                    assertThat(invalid.detail(java.util.Locale.ENGLISH)).isEqualTo("The vote cannot be cast like this.");
                    assertThat(invalid.problems(java.util.Locale.ENGLISH).get(0).message())
                            .isEqualTo("Choose one of: Positive, Positive with conditions, Negative.");
                    assertThat(invalid.problems(java.util.Locale.forLanguageTag("nl")).get(0).message())
                            .isEqualTo("Kies een van: Positief, Positief met voorwaarden, Negatief.");
                });
        assertThatThrownBy(() -> ethicsVotes.cast(ETHICS_A, caseId, new Ballot("positive", " ", null)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ethicsVotes.cast(ETHICS_A, caseId, new Ballot("positive-with-conditions", "Mits.", List.of())))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ethicsVotes.cast(ETHICS_A, caseId, new Ballot("negative", "Nee.", List.of("Iets"))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ethicsVotes.cast(ETHICS_A, caseId, new Ballot("positive", "<b>Ja</b>", null)))
                .isInstanceOf(InvalidInputException.class);

        AlgorithmCase draft = cases.create(OWNER, null, fields(), null);
        assertThatThrownBy(() -> ethicsVotes.cast(ETHICS_A, draft.getId(), new Ballot("positive", "Ja.", null)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aPolicyWithAnUnknownOutcomeIsRefused() {
        assertThatThrownBy(() -> new EthicsPolicy(2, "reject", "maybe", "approve")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new EthicsPolicy(0, "reject", "send-back", "approve")).isInstanceOf(IllegalStateException.class);
        EthicsPolicy shipped = EthicsPolicy.read(Path.of("policies", "ethics-committee.yaml"));
        assertThat(shipped.decide(List.of(Vote.POSITIVE_WITH_CONDITIONS, Vote.POSITIVE, Vote.NEGATIVE))).contains("approve");
        assertThat(shipped.decide(List.of(Vote.NEGATIVE, Vote.NEGATIVE, Vote.POSITIVE))).contains("reject");
        assertThat(shipped.decide(List.of(Vote.NEGATIVE))).isEmpty();
    }

    private String caseAtEthicsReview(StaffUser owner) {
        AlgorithmCase created = cases.create(owner, "zoetermeer", fields(), null);
        cases.submit(owner, created.getId());
        complete(owner, created.getId(), "answerPreScan", new TaskCompletion(null, null,
                PreScanAnswers.of("personalData", "profiling", "largeScale", "matchingDatasets")));
        complete(owner, created.getId(), "fillInDpia", new TaskCompletion(null, "DPIA ingevuld", DpiaAnswers.lowResidualRisk()));
        complete(account("privacy-zoetermeer"), created.getId(), "reviewDpia", new TaskCompletion("approve", "Voldoende.", null));
        complete(owner, created.getId(), "fillInIama", new TaskCompletion(null, "IAMA met het team", IamaAnswers.proceeding()));
        assertThat(stage(created.getId())).isEqualTo(CaseStage.ETHICS_REVIEW);
        return created.getId();
    }

    private void complete(StaffUser user, String caseId, String activityId, TaskCompletion completion) {
        String task = reviewTasks.openTasks(user, caseId).stream().filter(t -> t.activityId().equals(activityId)).findFirst()
                .orElseThrow(() -> new AssertionError("no open " + activityId)).id();
        reviewProcess.complete(user, task, completion);
    }

    private CaseStage stage(String caseId) {
        return cases.read(OWNER, caseId).getStage();
    }

    private CaseDecision lastDecision(String caseId) {
        List<CaseDecision> all = cases.decisions(OWNER, caseId);
        return all.get(all.size() - 1);
    }

    private static Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Ethiek " + System.nanoTime());
        fields.put("description_short", "Voor de test van de stemmen van de ethische commissie.");
        fields.put("status", "In ontwikkeling");
        fields.put("contact_email", "algoritmes@example.org");
        return fields;
    }

    private static StaffUser account(String username) {
        return DemoAccount.ALL_ACCOUNTS.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().staffUser();
    }

    private static Path copyOfThePolicy() {
        try {
            Path copy = Files.createTempFile("ethics-committee", ".yaml");
            Files.copy(Path.of("policies", "ethics-committee.yaml"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration
    static class Recorder {
        final List<EthicsVoteCast> cast = new java.util.concurrent.CopyOnWriteArrayList<>();

        @EventListener
        void on(EthicsVoteCast event) {
            cast.add(event);
        }
    }
}
