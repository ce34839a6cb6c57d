package nl.transparant.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.transparant.workflow.history.ProcessDiagram;
import nl.transparant.workflow.history.ProcessDiagram.Edge;
import nl.transparant.workflow.history.ProcessDiagram.Point;
import nl.transparant.workflow.history.ProcessDiagram.Shape;

/**
 * A process diagram as the page draws it in SVG: each element's outline (circle, diamond or rounded box), its
 * wrapped label, and each flow's line, with the instance's path marked. Only geometry; the template holds the
 * markup and the colours are presentation attributes, so no inline style is needed.
 */
record DiagramDrawing(String viewBox, double width, double height, List<Figure> figures, List<Line> lines) {

    enum Outline {
        CIRCLE, DIAMOND, BOX
    }

    /** {@code cx/cy/r} for circles, {@code points} for diamonds, {@code x/y/width/height} for boxes. */
    record Figure(String id, String type, String name, Outline outline, boolean visited, boolean endEvent, String x, String y,
            String width, String height, String cx, String cy, String r, String points, String labelX, List<Label> labels) {
    }

    record Label(String y, String text) {
    }

    record Line(String id, String points, boolean taken) {
    }

    private static final int MARGIN = 20;
    private static final int LABEL_CHARS = 18;
    private static final int LINE_HEIGHT = 12;

    static DiagramDrawing of(ProcessDiagram diagram) {
        return of(diagram, Shape::name);
    }

    /** With each shape named by {@code names} (the step's label in the reader's language) rather than its BPMN name. */
    static DiagramDrawing of(ProcessDiagram diagram, java.util.function.Function<Shape, String> names) {
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (Shape s : diagram.shapes()) {
            minX = Math.min(minX, s.x());
            minY = Math.min(minY, s.y());
            maxX = Math.max(maxX, s.x() + s.width());
            maxY = Math.max(maxY, s.y() + s.height() + (outline(s.type()) == Outline.BOX ? 0 : 3 * LINE_HEIGHT));
        }
        for (Edge e : diagram.edges()) {
            for (Point p : e.waypoints()) {
                minX = Math.min(minX, p.x());
                minY = Math.min(minY, p.y());
                maxX = Math.max(maxX, p.x());
                maxY = Math.max(maxY, p.y());
            }
        }
        double width = maxX - minX + 2 * MARGIN;
        double height = maxY - minY + 2 * MARGIN;
        String viewBox = String.join(" ", n(minX - MARGIN), n(minY - MARGIN), n(width), n(height));
        List<Figure> figures = diagram.shapes().stream()
                .map(s -> figure(s, names.apply(s), diagram.visitedActivityIds().contains(s.id())))
                .toList();
        List<Line> lines = diagram.edges().stream()
                .filter(e -> "sequenceFlow".equals(e.type()))
                .map(e -> new Line(e.id(), String.join(" ", e.waypoints().stream().map(p -> n(p.x()) + "," + n(p.y())).toList()),
                        diagram.takenFlowIds().contains(e.id())))
                .toList();
        return new DiagramDrawing(viewBox, width, height, figures, lines);
    }

    private static Figure figure(Shape s, String name, boolean visited) {
        Outline outline = outline(s.type());
        double cx = s.x() + s.width() / 2;
        double cy = s.y() + s.height() / 2;
        List<String> words = wrap(name);
        List<Label> labels = new ArrayList<>();
        // Boxes carry their name inside, centred; events and gateways carry it underneath.
        double firstLine = outline == Outline.BOX ? cy - (words.size() - 1) * LINE_HEIGHT / 2.0 + 4 : s.y() + s.height() + LINE_HEIGHT;
        for (int i = 0; i < words.size(); i++) {
            labels.add(new Label(n(firstLine + i * LINE_HEIGHT), words.get(i)));
        }
        String diamond = outline == Outline.DIAMOND ? String.join(" ", n(cx) + "," + n(s.y()), n(s.x() + s.width()) + "," + n(cy),
                n(cx) + "," + n(s.y() + s.height()), n(s.x()) + "," + n(cy)) : null;
        return new Figure(s.id(), s.type(), name, outline, visited, "endEvent".equals(s.type()), n(s.x()), n(s.y()),
                n(s.width()), n(s.height()), n(cx), n(cy), n(Math.min(s.width(), s.height()) / 2), diamond, n(cx), labels);
    }

    static Outline outline(String type) {
        if (type.endsWith("Event")) {
            return Outline.CIRCLE;
        }
        return type.endsWith("Gateway") ? Outline.DIAMOND : Outline.BOX;
    }

    /** Words on lines of at most about {@value #LABEL_CHARS} characters, at most three lines. */
    static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return lines;
        }
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > LABEL_CHARS) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        if (lines.size() > 3) {
            List<String> shortened = new ArrayList<>(lines.subList(0, 3));
            shortened.set(2, shortened.get(2) + "…");
            return shortened;
        }
        return lines;
    }

    private static String n(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
