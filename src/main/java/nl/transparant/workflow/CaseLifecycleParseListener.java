package nl.transparant.workflow;

import nl.transparant.workflow.review.FourEyes;
import nl.transparant.workflow.review.PriorConsultationListener;
import nl.transparant.workflow.review.PublicationEnteredListener;
import nl.transparant.workflow.review.ReviewOutcomeListener;
import nl.transparant.workflow.review.SegregationOfDutiesListener;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Wires every deployed process to the application the same way, so the BPMN files stay plain:
 * elements with a {@code caseStage} property report the case's new stage, user tasks with an
 * {@code outcomes} property must be decided with one of them, every user task gets the four-eyes check
 * ({@link SegregationOfDutiesListener}), and every claim or release of a user task is reported; a flow into the
 * publication says so to whoever completed the task before it ({@link PublicationEnteredListener}).
 */
public class CaseLifecycleParseListener extends AbstractBpmnParseListener {

    private final CaseStageListener stageListener;
    private final TaskListener assignmentListener;
    private final FourEyes fourEyes;

    private ExecutionListener priorConsultationListener;
    private final ExecutionListener publicationEntered = new PublicationEnteredListener();

    CaseLifecycleParseListener(CaseStageListener stageListener, TaskListener assignmentListener, FourEyes fourEyes) {
        this.stageListener = stageListener;
        this.assignmentListener = assignmentListener;
        this.fourEyes = fourEyes;
    }

    CaseLifecycleParseListener reportingPriorConsultation(ExecutionListener listener) {
        this.priorConsultationListener = listener;
        return this;
    }

    @Override
    public void parseUserTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        Map<String, String> properties = properties(element);
        if (properties.containsKey(ProcessVariables.PROPERTY_CASE_STAGE)) {
            task.addTaskListener(TaskListener.EVENTNAME_CREATE, stageListener);
        }
        String outcomes = properties.get(ProcessVariables.PROPERTY_OUTCOMES);
        if (outcomes != null && !outcomes.isBlank()) {
            TaskListener outcomeListener = new ReviewOutcomeListener(Arrays.stream(outcomes.split(",")).map(String::strip).toList());
            task.addTaskListener(TaskListener.EVENTNAME_CREATE, outcomeListener);
            task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, outcomeListener);
        }
        // on every user task: whether it is work or a review is the four-eyes policy's to say, read when it runs
        TaskListener segregationOfDuties = new SegregationOfDutiesListener(fourEyes,
                ((ProcessDefinitionEntity) activity.getProcessDefinition()).getKey(), activity.getId());
        task.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, segregationOfDuties);
        task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, segregationOfDuties);
        task.addTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, assignmentListener);
    }

    @Override
    public void parseSequenceFlow(Element element, ScopeImpl scope, TransitionImpl transition) {
        if (transition.getDestination() != null && PublicationEnteredListener.leadsToPublication(transition.getDestination().getId())) {
            transition.addListener(ExecutionListener.EVENTNAME_TAKE, publicationEntered);
        }
    }

    /** Only waits for the supervisor's advice report anything; {@link PriorConsultationListener} tells them apart. */
    @Override
    public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (priorConsultationListener != null && element.element("messageEventDefinition") != null) {
            activity.addListener(ExecutionListener.EVENTNAME_START, priorConsultationListener);
        }
    }

    @Override
    public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (properties(element).containsKey(ProcessVariables.PROPERTY_CASE_STAGE)) {
            activity.addListener(ExecutionListener.EVENTNAME_START, stageListener);
        }
    }

    static Map<String, String> properties(Element element) {
        Map<String, String> result = new HashMap<>();
        Element extensions = element.element("extensionElements");
        if (extensions == null) {
            return result;
        }
        Element properties = extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
        if (properties != null) {
            for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
                result.put(property.attribute("name"), property.attribute("value"));
            }
        }
        return result;
    }
}
