package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.transparant.support.PublishedEvents;
import org.junit.jupiter.api.Test;

/**
 * Every event the application publishes is in the decision log's table ({@link RecordedEvents}), recorded by another
 * listener of the audit module, or listed here as deliberately not recorded, with why; and every row of the table is
 * an event somebody publishes. The published events are read from the byte code: the value handed to
 * {@code publishEvent} is built right before the call ({@code new X(..)} or a factory method returning X).
 */
class RecordedEventsTest {

    /** Heard by another listener of the audit module, which writes its records. */
    private static final Map<String, String> RECORDED_ELSEWHERE = Map.of(
            "nl.transparant.workflow.EngineEvents$EngineOperationPerformed", "EngineOperationRecords: engine-operation",
            "nl.transparant.workflow.EngineEvents$EngineOperationRefused", "EngineOperationRecords: authorisation-denied",
            "nl.transparant.workflow.EngineEvents$EmergencyChangeMade", "EngineOperationRecords: emergency-change");

    /** Published for other modules only; what an auditor needs of them is recorded from another event. */
    private static final Map<String, String> NOT_RECORDED = Map.of(
            "nl.transparant.workflow.livingentry.LivingEntryEvents$RetirementApproved",
            "the retirement it leads to is recorded as entry-retired (EntryRetired), with the approver",
            "nl.transparant.obligations.ObligationEvents$CatalogueChanged",
            "the reload is recorded as policies-reloaded; each case it touches as obligations-changed (CatalogueChangeNoticed)",
            "nl.transparant.register.RegisterVersionPublished",
            "for the delivery to the national register; the same publication is recorded as entry-published or new-version-published");

    /** One row per event and one event per record type, so an auditor's filter on a type finds one kind of fact. */
    @Test
    void theTableListsEveryMappedEventOnceWithItsOwnRecordType() {
        List<EventMapping<?>> rows = RecordedEvents.all();
        assertThat(rows).extracting(EventMapping::type).doesNotHaveDuplicates();
        assertThat(rows).extracting(EventMapping::recordType).doesNotHaveDuplicates()
                .doesNotContain(RefusalRecorder.AUTHORISATION_DENIED, DefinitionRecords.DEFINITION_DEPLOYED);
        Map<String, String> byEvent = new TreeMap<>();
        rows.forEach(row -> byEvent.put(row.type().getSimpleName(), row.recordType()));
        assertThat(byEvent).containsEntry("CaseCreated", "case-created").containsEntry("TaskDecided", "task-decided")
                .containsEntry("OrganisationChanged", "organisation-changed").containsEntry("TaskDraftSaved", "task-draft-saved")
                .containsEntry("ReReviewRescheduled", "re-review-rescheduled").hasSize(36);
    }

    @Test
    void everyPublishedEventIsRecordedOrDeliberatelyNot() throws java.io.IOException {
        Map<String, Set<String>> published = PublishedEvents.byEventType();
        assertThat(published).as("events found in the byte code").containsKeys(
                "nl.transparant.cases.CaseEvents$CaseCreated", "nl.transparant.organisations.OrganisationChanged",
                "nl.transparant.assessment.PoliciesReloaded");
        assertThat(published).as("publishEvent calls whose event type the byte code does not show: build the event in the call")
                .doesNotContainKey("?");
        Set<String> mapped = RecordedEvents.all().stream().map(row -> row.type().getName()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> unaccounted = new TreeSet<>(published.keySet());
        unaccounted.removeAll(mapped);
        unaccounted.removeAll(RECORDED_ELSEWHERE.keySet());
        unaccounted.removeAll(NOT_RECORDED.keySet());
        assertThat(unaccounted).as("published events neither in RecordedEvents nor listed as recorded elsewhere or not recorded")
                .isEmpty();
        Set<String> unpublished = new TreeSet<>(mapped);
        unpublished.addAll(RECORDED_ELSEWHERE.keySet());
        unpublished.addAll(NOT_RECORDED.keySet());
        unpublished.removeAll(published.keySet());
        assertThat(unpublished).as("rows and list entries for events nobody publishes").isEmpty();
    }
}
