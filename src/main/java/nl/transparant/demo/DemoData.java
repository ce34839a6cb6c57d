package nl.transparant.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.ethics.EthicsVotes;
import nl.transparant.identity.DemoAccount;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.OrganisationFile;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import nl.transparant.screening.ScreeningBindings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Example cases of MRDH municipalities at different stages, for the embedded quick start. They are not
 * inserted as rows: each one is created, submitted and reviewed by the demo accounts through the same
 * services and BPMN process a person uses, so the demo shows real process history.
 */
@Component
@ConditionalOnProperty(name = "transparant.demo-data", havingValue = "true")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String RESOURCE = "demo/cases.json";
    static final String PRODUCT_BINDING = "transparant";
    /** The 21 MRDH municipalities and the BAR-organisatie, loaded as an administrator would load a region's file. */
    static final String ORGANISATIONS = "demo/organisations.csv";

    private final Cases cases;
    private final ReviewProcess reviewProcess;
    private final ReviewTasks reviewTasks;
    private final EthicsVotes ethicsVotes;
    private final OrganisationFile organisationFile;
    private final ScreeningBindings bindings;

    DemoData(Cases cases, ReviewProcess reviewProcess, ReviewTasks reviewTasks, EthicsVotes ethicsVotes, OrganisationFile organisationFile,
            ScreeningBindings bindings) {
        this.bindings = bindings;
        this.cases = cases;
        this.reviewProcess = reviewProcess;
        this.reviewTasks = reviewTasks;
        this.ethicsVotes = ethicsVotes;
        this.organisationFile = organisationFile;
    }

    record DemoCase(String key, String owner, Map<String, Object> fields, String internalNotes, boolean submit, List<Step> steps) {
    }

    /** A task completed by one person, or (with {@code vote}) an ethics committee member's vote. */
    record Step(String actor, String task, String outcome, String rationale, Map<String, Object> answers, String vote,
            List<String> conditions) {
    }

    record DemoFile(List<DemoCase> cases) {
    }

    /** One transaction: the demo loads whole or not at all. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void load() {
        if (cases.any()) {
            return;
        }
        organisationFile.importFile(account("admin"), bytes(ORGANISATIONS));
        // The demo's answers are the product's own pre-scan's; under another binding (the government's files) the demo
        // cases are submitted and wait at the pre-scan, to be answered with that binding's questions.
        boolean ownAnswers = PRODUCT_BINDING.equals(bindings.current().id());
        if (!ownAnswers) {
            log.info("The active screening binding is '{}': the demo cases wait at the pre-scan", bindings.current().id());
        }
        for (DemoCase demo : read().cases()) {
            StaffUser owner = account(demo.owner());
            AlgorithmCase created = cases.create(owner, null, demo.fields(), demo.internalNotes());
            if (demo.submit()) {
                cases.submit(owner, created.getId());
            }
            for (Step step : ownAnswers ? demo.steps() : List.<Step>of()) {
                StaffUser actor = account(step.actor());
                if (step.vote() != null) {
                    ethicsVotes.cast(actor, created.getId(), new EthicsVotes.Ballot(step.vote(), step.rationale(),
                            step.conditions() == null ? List.of() : step.conditions()));
                    continue;
                }
                ReviewTask task = reviewTasks.openTasks(actor, created.getId()).stream()
                        .filter(t -> t.activityId().equals(step.task()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("Demo case " + demo.key() + ": no open task " + step.task()));
                reviewProcess.complete(actor, task.id(), new TaskCompletion(step.outcome(), step.rationale(), step.answers()));
            }
        }
        log.info("Loaded the demo organisations from {} and the demo cases from {}", ORGANISATIONS, RESOURCE);
    }

    private static StaffUser account(String username) {
        return DemoAccount.ALL_ACCOUNTS.stream()
                .filter(a -> a.username().equals(username))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No demo account " + username))
                .staffUser();
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static DemoFile read() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return new ObjectMapper().readValue(in, DemoFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
