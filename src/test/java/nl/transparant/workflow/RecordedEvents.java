package nl.transparant.workflow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.transparant.workflow.ReviewEvents.CaseStageReached;
import nl.transparant.workflow.ReviewEvents.PublicationReleased;
import org.springframework.context.ApplicationEventPublisher;

/** Stands in for Spring's event publisher in engine tests: keeps what the listeners and delegates published. */
final class RecordedEvents implements ApplicationEventPublisher {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void publishEvent(Object event) {
        events.add(event);
    }

    void clear() {
        events.clear();
    }

    <T> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<CaseStageReached> stagesOf(String caseId) {
        return ofType(CaseStageReached.class).stream().filter(e -> caseId.equals(e.caseId())).toList();
    }

    List<PublicationReleased> publicationsOf(String caseId) {
        return ofType(PublicationReleased.class).stream().filter(e -> caseId.equals(e.caseId())).toList();
    }
}
