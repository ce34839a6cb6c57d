package nl.transparant.cases;

import java.util.Map;

/** What happens to a case at a person's hand, published inside the transaction that changes it. */
public final class CaseEvents {

    private CaseEvents() {
    }

    /** Who acted: their id, the role they acted in, and the case's organisation. */
    public record Actor(String id, String role, String organisation) {
    }

    public record CaseCreated(String caseId, Actor actor, Map<String, Object> registerFields) {
    }

    public record CaseChanged(String caseId, Actor actor, Map<String, Object> registerFields, long version) {
    }

    public record CaseSubmitted(String caseId, Actor actor, String processInstanceId) {
    }
}
