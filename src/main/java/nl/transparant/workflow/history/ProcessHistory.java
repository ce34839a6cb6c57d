package nl.transparant.workflow.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDecisionInputInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * What the engine knows about a case's process, for the audit trail: which process instance and which
 * version of the process a piece of work ran in, and afterwards the path it took (activity instances,
 * the decision tables evaluated with the rules that fired). Read-only; the engine's history level is FULL.
 *
 * <p>The queries run without an engine user, so the engine's tenant check does not apply: callers decide
 * which organisations' history a person may read.
 */
@Component
public class ProcessHistory {

    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    ProcessHistory(HistoryService historyService, RepositoryService repositoryService, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.jdbc = jdbc;
    }

    /** Where a piece of work runs in the engine: its instance, element, organisation (the tenant) and process version. */
    public record ExecutionFacts(String processInstanceId, String activityId, String organisation, String processDefinitionId,
            String processDefinitionKey, Integer processDefinitionVersion, String actingUserId) {
    }

    /** One visit of one BPMN element, as the engine's history has it (times to the second on MySQL/MariaDB). */
    public record ActivityVisit(String activityInstanceId, String activityId, String activityName, String activityType,
            Instant startedAt, Instant endedAt, String assignee, String taskId, boolean canceled) {
    }

    /**
     * One evaluation of a decision table (a policy): the version used, the inputs by input clause id, the ids of the
     * rules that fired and their outputs.
     */
    public record PolicyDecision(String decisionDefinitionKey, String decisionDefinitionId, Integer decisionDefinitionVersion,
            String activityId, Instant evaluatedAt, Map<String, Object> inputs, List<String> matchedRuleIds,
            Map<String, Object> outputs) {
    }

    /** The process instance of a case from start to now. */
    public record InstanceHistory(String processInstanceId, String processDefinitionKey, Integer processDefinitionVersion,
            String organisation, String startedBy, Instant startedAt, Instant endedAt, String state, List<ActivityVisit> activities,
            List<PolicyDecision> decisions) {
    }

    /** A deployed process or policy (DMN) definition, with the SHA-256 of the file it was deployed from. */
    public record DeployedDefinition(String kind, String key, int version, String definitionId, String deploymentId,
            String deploymentSource, Instant deployedAt, String resourceName, String contentSha256) {
    }

    /**
     * One change of a process variable, as the engine's history (level FULL) has it: the value it got, when, and in
     * which activity instance (the task completion or decision table that set it), and of which variable instance (a
     * variable removed and set again is a new instance; its removal is an update to null). Values other than text,
     * numbers, booleans and dates are given as text.
     */
    public record VariableUpdate(String name, Object value, String typeName, Instant at, String activityInstanceId,
            String variableInstanceId) {
    }

    /** Every variable change of one process instance, in the order the engine made them. */
    public List<VariableUpdate> variableUpdates(String processInstanceId) {
        return historyService.createHistoricDetailQuery()
                .processInstanceId(processInstanceId)
                .variableUpdates()
                .disableCustomObjectDeserialization()
                .orderByTime().asc()
                .orderPartiallyByOccurrence().asc()
                .list().stream()
                .filter(HistoricVariableUpdate.class::isInstance)
                .map(HistoricVariableUpdate.class::cast)
                .map(u -> new VariableUpdate(u.getVariableName(), plain(u.getTypedValue()), u.getTypeName(), instant(u.getTime()),
                        u.getActivityInstanceId(), u.getVariableInstanceId()))
                .toList();
    }

    /**
     * Variables as a record shows them, by name: text, numbers, booleans and dates as such, anything else as text (from
     * the engine's typed values, as an execution has them inside one of its commands).
     */
    public static Map<String, Object> asRecorded(org.camunda.bpm.engine.variable.VariableMap typed) {
        Map<String, Object> variables = new java.util.TreeMap<>();
        typed.keySet().forEach(name -> variables.put(name, plain(typed.getValueTyped(name))));
        return variables;
    }

    /** Objects stay serialised (JSON or Java) and are given as their serialised text: nothing is deserialised here. */
    private static Object plain(TypedValue typed) {
        if (typed == null) {
            return null;
        }
        if (typed instanceof ObjectValue object && !object.isDeserialized()) {
            String format = object.getSerializationDataFormat();
            if (format != null && format.contains("json")) {
                return plain(object.getValueSerialized());
            }
            return decisionResult(object).<Object>map(result -> result)
                    .orElse("(" + object.getObjectTypeName() + ", " + format + ")");
        }
        if (typed.getType() != null && !typed.getType().isPrimitiveValueType()) {
            return "(" + typed.getType().getName() + ")";
        }
        return plain(typed.getValue());
    }

    /**
     * Only what the engine writes for a decision table's whole result ({@code mapDecisionResult="singleResult"}, such as
     * the route table's {@code reviewRoute}) may be read back from Java's serialization: a map of texts, numbers and
     * booleans (and the entry table a map checks its size against). Anything else in the stream stops the read (a filter,
     * not a trust in the bytes).
     */
    private static final java.io.ObjectInputFilter DECISION_RESULT = java.io.ObjectInputFilter.Config.createFilter(
            "maxdepth=3;maxrefs=500;maxbytes=65536;maxarray=1024;java.util.HashMap;java.util.LinkedHashMap;java.util.Map$Entry;java.lang.String;"
                    + "java.lang.Boolean;java.lang.Integer;java.lang.Long;java.lang.Double;java.lang.Number;!*");
    private static final java.util.Set<String> DECISION_RESULT_TYPES = java.util.Set.of("java.util.HashMap", "java.util.LinkedHashMap");

    /** A decision table's result as a map of plain values by output name (sorted), or empty for anything else. */
    private static Optional<Map<String, Object>> decisionResult(ObjectValue object) {
        String format = object.getSerializationDataFormat();
        if (!DECISION_RESULT_TYPES.contains(object.getObjectTypeName()) || format == null || !format.contains("java-serialized")
                || object.getValueSerialized() == null) {
            return Optional.empty();
        }
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(object.getValueSerialized())))) {
            in.setObjectInputFilter(DECISION_RESULT);
            if (!(in.readObject() instanceof Map<?, ?> read)) {
                return Optional.empty();
            }
            Map<String, Object> result = new java.util.TreeMap<>();
            read.forEach((name, value) -> result.put(String.valueOf(name), plain(value)));
            return Optional.of(result);
        } catch (IOException | ClassNotFoundException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        String text = String.valueOf(value);
        return text.length() > 2000 ? text.substring(0, 1999) + "…" : text;
    }

    /** Every process and decision definition the engine holds, oldest deployment first. */
    public List<DeployedDefinition> deployedDefinitions() {
        List<DeployedDefinition> definitions = new ArrayList<>();
        repositoryService.createProcessDefinitionQuery().list().forEach(d -> definitions.add(
                deployed("process", d.getKey(), d.getVersion(), d.getId(), d.getDeploymentId(), d.getResourceName())));
        repositoryService.createDecisionDefinitionQuery().list().forEach(d -> definitions.add(
                deployed("decision", d.getKey(), d.getVersion(), d.getId(), d.getDeploymentId(), d.getResourceName())));
        definitions.sort(Comparator.comparing(DeployedDefinition::deployedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(DeployedDefinition::definitionId));
        return definitions;
    }

    /** One definition by its id (a process or a decision definition), when the engine has it. */
    public Optional<DeployedDefinition> deployedDefinition(String definitionId) {
        var process = repositoryService.createProcessDefinitionQuery().processDefinitionId(definitionId).singleResult();
        if (process != null) {
            return Optional.of(deployed("process", process.getKey(), process.getVersion(), process.getId(),
                    process.getDeploymentId(), process.getResourceName()));
        }
        var decision = repositoryService.createDecisionDefinitionQuery().decisionDefinitionId(definitionId).singleResult();
        return Optional.ofNullable(decision).map(d -> deployed("decision", d.getKey(), d.getVersion(), d.getId(),
                d.getDeploymentId(), d.getResourceName()));
    }

    private DeployedDefinition deployed(String kind, String key, int version, String id, String deploymentId, String resourceName) {
        Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(deploymentId).singleResult();
        return new DeployedDefinition(kind, key, version, id, deploymentId, deployment == null ? null : deployment.getSource(),
                deployment == null ? null : instant(deployment.getDeploymentTime()), resourceName, contentHash(deploymentId, resourceName));
    }

    private String contentHash(String deploymentId, String resourceName) {
        try (InputStream content = repositoryService.getResourceAsStream(deploymentId, resourceName)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resourceName + " of deployment " + deploymentId, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * The execution the engine is working on in this thread, when called from inside one of its listeners or
     * delegates (for example through an event they publish); empty outside the engine.
     */
    public Optional<ExecutionFacts> currentExecution() {
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        if (context == null || context.getExecution() == null) {
            return Optional.empty();
        }
        ExecutionEntity execution = context.getExecution();
        CommandContext command = Context.getCommandContext();
        var definition = execution.getProcessDefinition();
        String actor = command == null ? null : command.getAuthenticatedUserId();
        return Optional.of(new ExecutionFacts(execution.getProcessInstanceId(), execution.getActivityId(), execution.getTenantId(),
                execution.getProcessDefinitionId(), definition == null ? null : definition.getKey(), definition == null ? null : definition.getVersion(),
                actor != null ? actor : continuedOnBehalfOf(command, execution)));
    }

    /**
     * In a job that continues a flow asynchronously (the publication after a release), nobody is signed in: the person
     * whose action moved the process is the one whose decision left the flow there, which the process holds as who
     * decided last. A timer's job stays without a person (outside test: the published stage named nobody).
     */
    private static String continuedOnBehalfOf(CommandContext command, ExecutionEntity execution) {
        var job = command == null ? null : command.getCurrentJob();
        if (job == null || !org.camunda.bpm.engine.impl.jobexecutor.AsyncContinuationJobHandler.TYPE.equals(job.getJobHandlerType())) {
            return null;
        }
        return execution.getVariable(nl.transparant.workflow.ProcessVariables.DECIDED_BY) instanceof String person ? person : null;
    }

    /** The most recently started process instance of a case, once the engine has stored it. */
    public Optional<ExecutionFacts> latestInstanceOf(String caseId) {
        // a plain read on the transaction's connection: an engine query here was a nested engine command mapping the
        // whole history row, for the decision log's record of each assessment (1.5 % of the request threads' samples at
        // 4 clients; issue 14)
        return jdbc.query(LATEST_INSTANCE_OF_CASE, (row, number) -> {
            int version = row.getInt(5);
            return new ExecutionFacts(row.getString(1), null, row.getString(2), row.getString(3), row.getString(4),
                    row.wasNull() ? null : version, null);
        }, caseId).stream().findFirst();
    }

    private static final String LATEST_INSTANCE_OF_CASE = "SELECT SELF.ID_, SELF.TENANT_ID_, SELF.PROC_DEF_ID_, SELF.PROC_DEF_KEY_, "
            + "DEF.VERSION_ FROM ACT_HI_PROCINST SELF LEFT JOIN ACT_RE_PROCDEF DEF ON SELF.PROC_DEF_ID_ = DEF.ID_ "
            + "WHERE SELF.BUSINESS_KEY_ = ? ORDER BY SELF.START_TIME_ DESC, SELF.ID_ DESC LIMIT 1";

    /** The whole recorded path of one process instance, in the order the engine went. */
    public Optional<InstanceHistory> of(String processInstanceId) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        List<ActivityVisit> activities = historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId)
                .orderPartiallyByOccurrence().asc()
                .list().stream()
                .map(a -> new ActivityVisit(a.getId(), a.getActivityId(), a.getActivityName(), a.getActivityType(),
                        instant(a.getStartTime()), instant(a.getEndTime()), a.getAssignee(), a.getTaskId(), a.isCanceled()))
                .toList();
        List<PolicyDecision> decisions = historyService.createHistoricDecisionInstanceQuery()
                .processInstanceId(processInstanceId)
                .includeInputs()
                .includeOutputs()
                .orderByEvaluationTime().asc()
                .list().stream()
                .map(d -> new PolicyDecision(d.getDecisionDefinitionKey(), d.getDecisionDefinitionId(),
                        decisionVersion(d.getDecisionDefinitionId()), d.getActivityId(), instant(d.getEvaluationTime()),
                        d.getInputs().stream()
                                .filter(i -> i.getClauseId() != null && i.getValue() != null)
                                .collect(Collectors.toMap(HistoricDecisionInputInstance::getClauseId,
                                        HistoricDecisionInputInstance::getValue, (first, second) -> first)),
                        d.getOutputs().stream().map(HistoricDecisionOutputInstance::getRuleId).distinct().toList(),
                        d.getOutputs().stream()
                                .filter(o -> o.getVariableName() != null && o.getValue() != null)
                                .collect(Collectors.toMap(HistoricDecisionOutputInstance::getVariableName,
                                        HistoricDecisionOutputInstance::getValue, (first, second) -> first))))
                .sorted(Comparator.comparing(PolicyDecision::evaluatedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        return Optional.of(new InstanceHistory(instance.getId(), instance.getProcessDefinitionKey(),
                instance.getProcessDefinitionVersion(), instance.getTenantId(), instance.getStartUserId(),
                instant(instance.getStartTime()), instant(instance.getEndTime()), instance.getState(), activities, decisions));
    }

    /**
     * The deployed diagram of the instance's process definition with the path the instance took, for drawing. Empty
     * when the engine has no such instance or its model has no diagram information.
     */
    public Optional<ProcessDiagram> diagram(String processInstanceId) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .singleResult();
        if (instance == null) {
            return Optional.empty();
        }
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(instance.getProcessDefinitionId());
        List<HistoricActivityInstance> visits = historyService.createHistoricActivityInstanceQuery()
                .processInstanceId(processInstanceId)
                .orderPartiallyByOccurrence().asc()
                .list();
        return DiagramReader.read(instance.getProcessDefinitionId(), model, visits);
    }

    private Integer decisionVersion(String decisionDefinitionId) {
        if (decisionDefinitionId == null) {
            return null;
        }
        var definition = repositoryService.createDecisionDefinitionQuery().decisionDefinitionId(decisionDefinitionId).singleResult();
        return definition == null ? null : definition.getVersion();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /**
     * A decision table as its DMN names it: its name, each rule's description by rule id (the DMN's own words), and the
     * names of its outputs in the order of the table's output columns.
     */
    public record DecisionTableTexts(String name, Map<String, String> ruleDescriptions, List<String> outputs) {
    }

    /** The texts of a deployed decision table by key and version; empty when that version is not deployed. */
    public Optional<DecisionTableTexts> decisionTable(String key, Integer version) {
        var query = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key);
        var definition = version == null ? query.latestVersion().singleResult() : query.decisionDefinitionVersion(version).singleResult();
        if (definition == null) {
            return Optional.empty();
        }
        var model = repositoryService.getDmnModelInstance(definition.getId());
        Map<String, String> rules = new java.util.LinkedHashMap<>();
        for (org.camunda.bpm.model.dmn.instance.Rule rule : model.getModelElementsByType(org.camunda.bpm.model.dmn.instance.Rule.class)) {
            if (rule.getId() != null && rule.getDescription() != null && rule.getDescription().getTextContent() != null) {
                rules.put(rule.getId(), rule.getDescription().getTextContent().strip());
            }
        }
        return Optional.of(new DecisionTableTexts(definition.getName() == null ? key : definition.getName(), Map.copyOf(rules),
                outputs(model, key)));
    }

    /**
     * The outputs of the decision {@code key} as its deployed table has them, column by column: a result held as a map
     * keeps no order of its own (the engine's history sorts it by name).
     */
    private static List<String> outputs(org.camunda.bpm.model.dmn.DmnModelInstance model, String key) {
        if (model.getModelElementById(key) instanceof org.camunda.bpm.model.dmn.instance.Decision decision
                && decision.getExpression() instanceof org.camunda.bpm.model.dmn.instance.DecisionTable table) {
            return table.getOutputs().stream().map(org.camunda.bpm.model.dmn.instance.Output::getName)
                    .filter(java.util.Objects::nonNull).toList();
        }
        return List.of();
    }
}
