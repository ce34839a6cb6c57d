package nl.transparant.workflow;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.transparant.problems.PolicyBrokenException;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.dmn.invocation.DecisionInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;

/**
 * A decision table that cannot decide a case stops it visibly, naming its file (fail closed): an expression the FEEL
 * engine cannot read or evaluate (or evaluates only by guessing, {@link PreparedFeelEngine}), any other failure of the
 * DMN engine, and, for a case's process, a table in which no rule or several rules fit, a rule without a value for one
 * of its outputs, a table without an output the process reads (a missing "dpiaRequired" read as "no" skipped the
 * DPIA; outside tester), or a table that disagrees with the risk matrix on prior consultation for the DPIA's residual
 * risk (a threshold moved in one file only skipped the consultation). Without this the first two surfaced as a crash (a 500 asking to try again later, which never helps) and
 * the last as a route the process would have to guess. The engine's transaction is rolled back, so the case stays
 * where it was. Wraps the engine's own interceptor for every delegate invocation; only decisions are looked at.
 */
final class DecisionsFailClosed implements DelegateInterceptor {

    /** Where the FEEL engine quotes the expression it failed on: "failed to parse expression '…': …". */
    private static final Pattern QUOTED_EXPRESSION = Pattern.compile("expression '(.*?)'(?::|$)", Pattern.DOTALL);

    /** The DMN engine's words for a value its column's type refuses: "DMN-01005 Invalid value 'nee' for clause with type 'boolean'". */
    private static final Pattern INVALID_VALUE = Pattern.compile("Invalid value '(.*?)' for clause with type '(.*?)'");

    private final DelegateInterceptor engine;
    private final DecisionFiles files;

    DecisionsFailClosed(DelegateInterceptor engine, DecisionFiles files) {
        this.engine = engine;
        this.files = files;
    }

    @Override
    public void handleInvocation(DelegateInvocation invocation) throws Exception {
        if (!(invocation instanceof DecisionInvocation decision)) {
            engine.handleInvocation(invocation);
            return;
        }
        DecisionDefinition table = decision.getDecisionDefinition();
        if (!files.hasFile(table.getKey())) {
            List<String> unreadable = files.unreadableFileOf(table.getKey()).orElse(null);
            throw unreadable == null ? refused(table, "withoutFile", List.of(table.getKey()), null)
                    : new PolicyBrokenException(Path.of(table.getKey() + ".dmn"), unreadable.get(0), unreadable.subList(1, unreadable.size()), null);
        }
        try {
            engine.handleInvocation(invocation);
        } catch (FeelException e) {
            Matcher quoted = QUOTED_EXPRESSION.matcher(String.valueOf(e.getMessage()));
            throw quoted.find()
                    ? refused(table, "expression", List.of(quoted.group(1), table.getKey()), e)
                    : refused(table, "decision", List.of(table.getKey()), e);
        } catch (org.camunda.bpm.dmn.engine.impl.hitpolicy.DmnHitPolicyException e) {
            throw refused(table, "hitPolicy", List.of(table.getKey()), e);
        } catch (DmnEngineException e) {
            Matcher invalid = INVALID_VALUE.matcher(String.valueOf(e.getMessage()));
            throw invalid.find()
                    ? refused(table, "valueOfWrongType", List.of(table.getKey(), invalid.group(1), invalid.group(2)), e)
                    : refused(table, "decision", List.of(table.getKey()), e);
        }
        // a case's route must come from one rule with every output the process reads; the decision service (no
        // process) may ask a table anything
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        DmnDecisionResult result = decision.getInvocationResult();
        if (context == null || context.getExecution() == null || result == null) {
            return;
        }
        if (result.isEmpty()) {
            throw refused(table, "noRule", List.of(table.getKey()), null);
        }
        if (result.size() > 1) {
            throw refused(table, "severalRules", List.of(table.getKey(), String.valueOf(result.size())), null);
        }
        Map<String, Object> outputs = result.getSingleResult().getEntryMap();
        for (Map.Entry<String, Object> output : outputs.entrySet()) {
            if (output.getValue() == null) {
                throw refused(table, "outputWithoutValue", List.of(output.getKey(), table.getKey()), null);
            }
        }
        ReadOutputs readByTask = readOutputs.computeIfAbsent(
                context.getExecution().getProcessDefinitionId() + "/" + context.getExecution().getCurrentActivityId(),
                element -> ReadOutputs.of(context.getExecution().getBpmnModelElementInstance()));
        Set<String> read = readByTask.read();
        Set<String> yesNo = readByTask.yesNo();
        for (String name : read) {
            if (!outputs.containsKey(name)) {
                throw refused(table, "outputMissing", List.of(name, table.getKey()), null);
            }
            // a gateway reads "ja" as false: a text where the process asks yes or no skipped the privacy officer
            Object value = outputs.get(name);
            if (yesNo.contains(name) ? !(value instanceof Boolean) : !(value instanceof String text) || text.isBlank()) {
                throw refused(table, yesNo.contains(name) ? "outputNotYesNo" : "outputNotText",
                        List.of(name, table.getKey(), shown(value)), null);
            }
        }
        // what this task does not take over again must not change: the process goes on with the earlier answer
        for (Map.Entry<String, Object> output : outputs.entrySet()) {
            Object earlier = read.contains(output.getKey()) ? null : context.getExecution().getVariable(output.getKey());
            if (earlier instanceof Boolean && !(output.getValue() instanceof Boolean)) {
                throw refused(table, "outputNotYesNo", List.of(output.getKey(), table.getKey(), shown(output.getValue())), null);
            }
            if (earlier != null && !earlier.equals(output.getValue())) {
                throw refused(table, "changesEarlierAnswer", List.of(output.getKey(), table.getKey(), String.valueOf(output.getValue()),
                        String.valueOf(earlier)), null);
            }
        }
        // what the law asks whatever a table says: a DPIA where the pre-scan found one required (GDPR Art. 35), a stop
        // for a prohibited AI practice (AI Act Art. 5); a typo in a rule fell through to the catch-all and skipped the DPIA
        boolean stops = Boolean.TRUE.equals(outputs.get("prohibited")); // a case that stops needs no DPIA
        for (String[] floor : LEGAL_FLOOR) {
            if (!(stops && "dpiaRequired".equals(floor[2])) && floor[1].equals(context.getExecution().getVariable(floor[0]))
                    && Boolean.FALSE.equals(outputs.get(floor[2]))) {
                throw refused(table, "belowLegalFloor." + floor[2], List.of(table.getKey(), floor[0], floor[1], floor[2]), null);
            }
        }
        // the DPIA's residual risk was judged by the risk matrix, which says itself whether it needs prior consultation
        // (GDPR Art. 36); a table that says otherwise for that level was edited apart from the matrix
        if (context.getExecution().getVariable(PRIOR_CONSULTATION_PER_RISK_MATRIX) instanceof Boolean matrixSays
                && outputs.get(PRIOR_CONSULTATION) instanceof Boolean tableSays && !matrixSays.equals(tableSays)) {
            throw refused(table, "disagreesWithRiskMatrix",
                    List.of(table.getKey(), String.valueOf(context.getExecution().getVariable("residualRisk"))), null);
        }
    }

    /**
     * What a business rule task of a deployed definition reads from its decision, per definition id and activity: read
     * from the BPMN's model once, not on every evaluation (a deployed definition never changes).
     */
    private final Map<String, ReadOutputs> readOutputs = new ConcurrentHashMap<>();

    private record ReadOutputs(Set<String> read, Set<String> yesNo) {
        static ReadOutputs of(org.camunda.bpm.model.bpmn.instance.FlowElement task) {
            return new ReadOutputs(java.util.Collections.unmodifiableSet(outputsReadBy(task)), java.util.Collections.unmodifiableSet(listedIn(task, YES_NO_OUTPUTS)));
        }
    }

    /** A value as the reason shows it: a text in quotes, so the text "false" is not taken for false. */
    private static String shown(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }

    /** The BPMN property of a business rule task that names the outputs it takes as yes or no (the rest: as text). */
    static final String YES_NO_OUTPUTS = "yesNoOutputs";

    /** Input variable, its value, and the output that must then be true: the law's floor under any route table. */
    private static final String[][] LEGAL_FLOOR = {{"dpiaLevel", "required", "dpiaRequired"}, {"aiActClass", "prohibited", "prohibited"}};

    /** A comma-separated list in a camunda:property of the element; empty when it has none. */
    static Set<String> listedIn(org.camunda.bpm.model.bpmn.instance.FlowElement element, String property) {
        if (element == null || element.getExtensionElements() == null) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        element.getExtensionElements().getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class)
                .list().forEach(properties -> properties.getCamundaProperties().stream()
                        .filter(p -> property.equals(p.getCamundaName()) && p.getCamundaValue() != null)
                        .forEach(p -> java.util.Arrays.stream(p.getCamundaValue().split(",")).map(String::strip)
                                .filter(n -> !n.isEmpty()).forEach(names::add)));
        return names;
    }

    /** The output that decides prior consultation, and the variable in which the DPIA left the risk matrix's verdict. */
    static final String PRIOR_CONSULTATION = "priorConsultationRequired";
    static final String PRIOR_CONSULTATION_PER_RISK_MATRIX = "priorConsultationPerRiskMatrix";

    /** The outputs the business rule task's own output mapping reads from the decision's result ({@code ${route.tier}}). */
    static Set<String> outputsReadBy(org.camunda.bpm.model.bpmn.instance.FlowElement element) {
        if (!(element instanceof BusinessRuleTask task) || task.getCamundaResultVariable() == null || task.getExtensionElements() == null) {
            return Set.of();
        }
        Pattern read = Pattern.compile("\\$\\{\\s*" + Pattern.quote(task.getCamundaResultVariable()) + "\\.(\\w+)\\s*}");
        Set<String> names = new LinkedHashSet<>();
        for (CamundaInputOutput mapping : task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()) {
            for (CamundaOutputParameter parameter : mapping.getCamundaOutputParameters()) {
                Matcher matcher = read.matcher(String.valueOf(parameter.getTextContent()));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }

    private static PolicyBrokenException refused(DecisionDefinition table, String reason, List<?> arguments, Throwable cause) {
        String file = table.getResourceName() == null ? table.getKey() + ".dmn" : table.getResourceName();
        return new PolicyBrokenException(Path.of(file), reason, arguments, cause);
    }
}
