package nl.transparant.workflow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.transparant.workflow.review.ReviewEvents.CaseStageReached;
import nl.transparant.workflow.review.ReviewEvents.PublicationReleased;
import org.springframework.context.ApplicationEventPublisher;

/** Stands in for Spring's event publisher in engine tests: keeps what the listeners and delegates published. */
public final class RecordedEvents implements ApplicationEventPublisher {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void publishEvent(Object event) {
        events.add(event);
    }

    public void clear() {
        events.clear();
    }

    public <T> List<T> ofType(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<CaseStageReached> stagesOf(String caseId) {
        return ofType(CaseStageReached.class).stream().filter(e -> caseId.equals(e.caseId())).toList();
    }

    public List<PublicationReleased> publicationsOf(String caseId) {
        return ofType(PublicationReleased.class).stream().filter(e -> caseId.equals(e.caseId())).toList();
    }
}
