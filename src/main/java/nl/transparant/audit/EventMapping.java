package nl.transparant.audit;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import nl.transparant.cases.CaseEvents.Actor;
import nl.transparant.identity.Role;
import nl.transparant.workflow.history.ProcessHistory;
import nl.transparant.workflow.history.ProcessHistory.ExecutionFacts;

/**
 * How one module event becomes one decision log record: its record type and where each field of the record comes
 * from. A field the mapping does not name is empty, except the organisation and the process instance, which come from
 * the process execution the event belongs to when there is one. Built once, in {@link RecordedEvents}.
 *
 * @param <E> the event
 */
final class EventMapping<E> {

    /** Where the process execution an event belongs to is found; its facts fill the record where the event has none. */
    enum Execution {
        /** The event belongs to no process execution (yet). */
        NONE,
        /** The engine is running the execution now: the event is published by a delegate or listener of the process. */
        CURRENT,
        /** The case's latest process instance: the event is published outside the engine, about a case. */
        LATEST,
        /** Either, for events published both from inside the engine and outside it. */
        CURRENT_OR_LATEST
    }

    /** What a mapping can read besides the event: the execution it belongs to, and the engine for its variables. */
    record Facts(Optional<ExecutionFacts> execution, ProcessHistory engine) {

        String organisation() {
            return execution.map(ExecutionFacts::organisation).orElse(null);
        }

        String processInstanceId() {
            return execution.map(ExecutionFacts::processInstanceId).orElse(null);
        }

        String activityId() {
            return execution.map(ExecutionFacts::activityId).orElse(null);
        }

        String actingUserId() {
            return execution.map(ExecutionFacts::actingUserId).orElse(null);
        }

        /** The process definition the execution runs, as a record names it; null outside a process. */
        Map<String, Object> process() {
            return execution.filter(e -> e.processDefinitionKey() != null)
                    .map(e -> ordered("definitionKey", e.processDefinitionKey(), "definitionVersion", e.processDefinitionVersion()))
                    .orElse(null);
        }
    }

    /** The record's fields that are texts, each filled by a function of the event and what is known of its execution. */
    private enum Slot {
        ACTOR, ROLE, ORGANISATION, PROCESS_INSTANCE, ACTIVITY, OUTCOME
    }

    private final Class<E> type;
    private final String recordType;
    private final Function<E, String> caseId;
    private final Map<Slot, BiFunction<E, Facts, String>> slots = new EnumMap<>(Map.of(
            Slot.ORGANISATION, (event, facts) -> facts.organisation(),
            Slot.PROCESS_INSTANCE, (event, facts) -> facts.processInstanceId()));
    private BiFunction<E, ProcessHistory, Optional<ExecutionFacts>> execution = (event, engine) -> Optional.empty();
    private BiFunction<E, Facts, Map<String, Object>> payload = (event, facts) -> new LinkedHashMap<>();
    private BiFunction<E, Facts, String> definitionInUse = (event, facts) -> null;
    private boolean ownTransactionWhenNoneActive;

    private EventMapping(Class<E> type, String recordType, Function<E, String> caseId) {
        this.type = type;
        this.recordType = recordType;
        this.caseId = caseId;
    }

    /** Events of this type become records of that type, about the case the function names (null: about no case). */
    static <E> EventMapping<E> record(Class<E> type, String recordType, Function<E, String> caseId) {
        return new EventMapping<>(type, recordType, caseId);
    }

    EventMapping<E> in(Execution where) {
        this.execution = switch (where) {
            case NONE -> (event, engine) -> Optional.empty();
            case CURRENT -> (event, engine) -> engine.currentExecution();
            case LATEST -> (event, engine) -> engine.latestInstanceOf(caseId.apply(event));
            case CURRENT_OR_LATEST -> (event, engine) -> engine.currentExecution().or(() -> engine.latestInstanceOf(caseId.apply(event)));
        };
        return this;
    }

    /** The execution as the event itself knows it, else the case's latest instance. */
    EventMapping<E> inOwnOrLatest(Function<E, ExecutionFacts> own) {
        this.execution = (event, engine) -> Optional.ofNullable(own.apply(event)).or(() -> engine.latestInstanceOf(caseId.apply(event)));
        return this;
    }

    /** Who acted, with the role they acted in and the organisation they acted for. */
    EventMapping<E> actedBy(Function<E, Actor> who) {
        return set(Slot.ACTOR, event -> who.apply(event).id()).set(Slot.ROLE, event -> who.apply(event).role())
                .set(Slot.ORGANISATION, event -> who.apply(event).organisation());
    }

    EventMapping<E> actor(Function<E, String> who) {
        return set(Slot.ACTOR, who);
    }

    /** The actor as the engine knows them, for instance the person whose action moved the process. */
    EventMapping<E> actor(BiFunction<E, Facts, String> who) {
        slots.put(Slot.ACTOR, who);
        return this;
    }

    EventMapping<E> role(Role fixed) {
        return set(Slot.ROLE, event -> fixed.roleName());
    }

    EventMapping<E> role(Function<E, String> which) {
        return set(Slot.ROLE, which);
    }

    EventMapping<E> organisation(Function<E, String> which) {
        return set(Slot.ORGANISATION, which);
    }

    EventMapping<E> processInstance(Function<E, String> which) {
        return set(Slot.PROCESS_INSTANCE, which);
    }

    EventMapping<E> activity(Function<E, String> which) {
        return set(Slot.ACTIVITY, which);
    }

    /** The activity the engine is at when it publishes the event. */
    EventMapping<E> activityOfExecution() {
        slots.put(Slot.ACTIVITY, (event, facts) -> facts.activityId());
        return this;
    }

    EventMapping<E> outcome(String fixed) {
        return set(Slot.OUTCOME, event -> fixed);
    }

    EventMapping<E> outcome(Function<E, String> which) {
        return set(Slot.OUTCOME, which);
    }

    private EventMapping<E> set(Slot slot, Function<E, String> fromEvent) {
        slots.put(slot, (event, facts) -> fromEvent.apply(event));
        return this;
    }

    /** The payload's keys in the order given ({@link #ordered}); its JSON keeps that order. */
    EventMapping<E> payload(Function<E, Map<String, Object>> fields) {
        return payload((event, facts) -> fields.apply(event));
    }

    EventMapping<E> payload(BiFunction<E, Facts, Map<String, Object>> fields) {
        this.payload = fields;
        return this;
    }

    /**
     * The definition (process or decision) the event was decided under, recorded before the event's own record if the
     * log does not have it yet; null: none.
     */
    EventMapping<E> definitionInUse(BiFunction<E, Facts, String> which) {
        this.definitionInUse = which;
        return this;
    }

    /** Published also outside any transaction (at start, by a scheduler): then the record gets a transaction of its own. */
    EventMapping<E> ownTransactionWhenNoneActive() {
        this.ownTransactionWhenNoneActive = true;
        return this;
    }

    Class<E> type() {
        return type;
    }

    String recordType() {
        return recordType;
    }

    boolean needsOwnTransactionWhenNoneActive() {
        return ownTransactionWhenNoneActive;
    }

    Facts factsOf(E event, ProcessHistory engine) {
        return new Facts(execution.apply(event, engine), engine);
    }

    Optional<String> definitionInUse(E event, Facts facts) {
        return Optional.ofNullable(definitionInUse.apply(event, facts));
    }

    LogEntry entry(E event, Facts facts) {
        return new LogEntry(recordType, slot(Slot.ACTOR, event, facts), slot(Slot.ROLE, event, facts),
                slot(Slot.ORGANISATION, event, facts), caseId.apply(event), slot(Slot.PROCESS_INSTANCE, event, facts),
                slot(Slot.ACTIVITY, event, facts), slot(Slot.OUTCOME, event, facts), payload.apply(event, facts));
    }

    private String slot(Slot slot, E event, Facts facts) {
        BiFunction<E, Facts, String> field = slots.get(slot);
        return field == null ? null : field.apply(event, facts);
    }

    /** A payload or part of one, its keys in the order given; values may be null (the record then shows them so). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
