package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A deployed process runs the product's own code only: a script (script task, scripted listener, scripted condition)
 * or a class outside {@code nl.transparant} is refused when it is deployed; the product's own files deploy, and name
 * no bean outside {@link ProductBeans}.
 */
class DeployedFileRulesTest {

    /** The beans an expression names: ${name} or ${name.something(...)} */
    private static final Pattern BEAN_REFERENCE = Pattern.compile("[$#]\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");

    ProcessEngine engine;

    @BeforeEach
    void engine() {
        engine = WorkflowTestEngine.plain("deployed-file-rules-test", new RecordedEvents());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<scriptTask id=\"run\" scriptFormat=\"javascript\"><script>java.lang.Runtime.getRuntime().exec('id')</script></scriptTask>",
            "<serviceTask id=\"run\" camunda:class=\"java.lang.ProcessBuilder\"/>",
            "<serviceTask id=\"run\" camunda:expression=\"${true}\"><extensionElements><camunda:executionListener event=\"start\">"
                    + "<camunda:script scriptFormat=\"groovy\">'id'.execute()</camunda:script></camunda:executionListener>"
                    + "</extensionElements></serviceTask>",
            "<userTask id=\"run\"><extensionElements>"
                    + "<camunda:taskListener event=\"create\" class=\"org.example.Foreign\"/></extensionElements></userTask>",
            "<serviceTask id=\"run\" camunda:expression=\"${true}\"><extensionElements><camunda:inputOutput>"
                    + "<camunda:inputParameter name=\"x\"><camunda:script scriptFormat=\"javascript\" camunda:resource=\"deployment://x.js\"/>"
                    + "</camunda:inputParameter></camunda:inputOutput></extensionElements></serviceTask>"})
    void aScriptOrAForeignClassIsRefusedAtDeployment(String element) {
        assertThatThrownBy(() -> deploy(element)).isInstanceOf(ProcessEngineException.class).hasMessageContaining("is not deployed");
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("sneaky").count()).isZero();
    }

    @Test
    void aScriptedConditionIsRefusedAtDeployment() {
        String process = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="test">
                  <process id="sneaky" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="end">
                      <conditionExpression xsi:type="tFormalExpression" language="javascript">true</conditionExpression>
                    </sequenceFlow>
                    <endEvent id="end"/>
                  </process>
                </definitions>""";
        assertThatThrownBy(() -> engine.getRepositoryService().createDeployment().addString("sneaky.bpmn", process).deploy())
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("is not deployed");
    }

    @Test
    void theProductsOwnClassesAndExpressionsDeploy() {
        assertThatCode(() -> deploy("<serviceTask id=\"run\" camunda:class=\"nl.transparant.workflow.Anything\"/>"))
                .doesNotThrowAnyException();
        assertThatCode(() -> new ProcessDeployment(engine.getRepositoryService(), Path.of("processes"), Path.of("policies"), new DecisionFiles()).deploy())
                .doesNotThrowAnyException();
    }

    @Test
    void theProductsFilesNameOnlyTheAllowedBeans() throws IOException {
        Set<String> variables = Set.of("outcome", "dpiaRequired", "preScanApprovalRequired", "ethicsReviewRequired", "iamaStop",
                "priorConsultationRequired", "prohibited", "reReviewInterval", "reminderAfter", "reviewRoute", "policyDecisionNeeded");
        Set<String> named = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("processes")), Files.walk(Path.of("policies")))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn")).toList()) {
                Matcher reference = BEAN_REFERENCE.matcher(Files.readString(file).replace("&amp;", "&"));
                while (reference.find()) {
                    named.add(reference.group(1));
                }
            }
        }
        named.removeAll(variables);
        // a new expression in processes/ or policies/ either reads a process variable (add it above) or names a bean (add it to ProductBeans)
        assertThat(named).isEqualTo(ProductBeans.NAMES);
    }

    private void deploy(String element) {
        String process = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    targetNamespace="test">
                  <process id="sneaky" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="run"/>
                    %s
                    <sequenceFlow id="f2" sourceRef="run" targetRef="end"/><endEvent id="end"/>
                  </process>
                </definitions>""".formatted(element);
        engine.getRepositoryService().createDeployment().addString("sneaky.bpmn", process).deploy();
    }
}
