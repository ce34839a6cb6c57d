package nl.transparant.workflow.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import nl.transparant.workflow.history.ProcessDiagram.Edge;
import nl.transparant.workflow.history.ProcessDiagram.Point;
import nl.transparant.workflow.history.ProcessDiagram.Shape;
import nl.transparant.workflow.history.ProcessDiagram.Step;

/** Reads a deployed model's diagram information and lays an instance's activity history over it. */
final class DiagramReader {

    private DiagramReader() {
    }

    static Optional<ProcessDiagram> read(String processDefinitionId, BpmnModelInstance model, List<HistoricActivityInstance> visits) {
        List<Shape> shapes = new ArrayList<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            BaseElement element = shape.getBpmnElement();
            Bounds bounds = shape.getBounds();
            if (element == null || bounds == null) {
                continue;
            }
            shapes.add(new Shape(element.getId(), element.getElementType().getTypeName(), name(element), bounds.getX(), bounds.getY(),
                    bounds.getWidth(), bounds.getHeight()));
        }
        if (shapes.isEmpty()) {
            return Optional.empty();
        }
        List<Edge> edges = new ArrayList<>();
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            BaseElement element = edge.getBpmnElement();
            if (element == null || edge.getWaypoints().size() < 2) {
                continue;
            }
            edges.add(new Edge(element.getId(), element.getElementType().getTypeName(), name(element),
                    edge.getWaypoints().stream().map(w -> new Point(w.getX(), w.getY())).toList()));
        }
        Map<String, Shape> drawn = new HashMap<>();
        shapes.forEach(s -> drawn.put(s.id(), s));
        List<Step> path = new ArrayList<>();
        Map<String, Integer> firstEntered = new HashMap<>();
        Map<String, Integer> lastEntered = new HashMap<>();
        for (HistoricActivityInstance visit : visits) {
            Shape shape = drawn.get(visit.getActivityId());
            if (shape == null) {
                continue; // e.g. a multi-instance body, which has no shape of its own
            }
            firstEntered.putIfAbsent(shape.id(), path.size());
            lastEntered.put(shape.id(), path.size());
            path.add(new Step(shape.id(), shape.name() != null ? shape.name() : visit.getActivityName(), shape.type()));
        }
        Set<String> taken = new LinkedHashSet<>();
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            Integer source = firstEntered.get(flow.getSource().getId());
            Integer target = lastEntered.get(flow.getTarget().getId());
            if (source != null && target != null && target > source) {
                taken.add(flow.getId());
            }
        }
        return Optional.of(new ProcessDiagram(processDefinitionId, List.copyOf(shapes), List.copyOf(edges),
                Set.copyOf(firstEntered.keySet()), Set.copyOf(taken), List.copyOf(path)));
    }

    private static String name(BaseElement element) {
        return element instanceof FlowElement flow ? flow.getName() : element.getAttributeValue("name");
    }
}
