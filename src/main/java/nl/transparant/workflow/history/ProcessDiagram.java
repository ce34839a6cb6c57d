package nl.transparant.workflow.history;

import java.util.List;
import java.util.Set;

/**
 * The deployed BPMN diagram of one process instance's definition (its DI: where each element and each sequence
 * flow is drawn) together with the path this instance took through it, so a page can draw the path without a
 * JavaScript modeler.
 *
 * @param visitedActivityIds every element the engine's history has an activity instance for
 * @param takenFlowIds       sequence flows between two visited elements where the target was entered after the source
 *                           was left; the engine does not record flows, so this is derived from the activity history
 * @param path               the visited elements in the order the engine entered them (repeats included)
 */
public record ProcessDiagram(String processDefinitionId, List<Shape> shapes, List<Edge> edges, Set<String> visitedActivityIds,
        Set<String> takenFlowIds, List<Step> path) {

    /** A BPMN element drawn as a box; {@code type} is the BPMN element name, e.g. userTask, exclusiveGateway, endEvent. */
    public record Shape(String id, String type, String name, double x, double y, double width, double height) {
    }

    public record Point(double x, double y) {
    }

    /** A sequence flow (or other connecting element) as a line through its waypoints. */
    public record Edge(String id, String type, String name, List<Point> waypoints) {
    }

    /** One step of the path: the element and its name as the diagram shows it. */
    public record Step(String activityId, String name, String type) {
    }
}
