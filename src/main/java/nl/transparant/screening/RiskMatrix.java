package nl.transparant.screening;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The likelihood × impact matrix of {@code policies/risk-matrix.yaml}: which risk level each combination gives, how
 * the levels rank and what they are called, and from which residual level prior consultation (GDPR Art. 36) is needed.
 * The only reader of that file: the DPIA, its outcome on the case page and the report all take the matrix from here,
 * so a broken file is refused the same way everywhere ({@link BrokenRiskMatrixException}, naming the file and what is
 * wrong) instead of one place refusing while another quietly shows less. Read through {@link RiskMatrixPolicy}.
 */
public final class RiskMatrix {

    private static final String DUTCH = "nl";

    /** @param labels the level's name by language ("nl" from {@code label}, others from {@code label_<language>}) */
    public record Level(String id, int rank, Map<String, String> labels) {
    }

    private final Map<String, Level> levels;
    private final Map<String, String> cells;
    private final String priorConsultationFrom;

    /** The file it was read from, named when a level asked of it is not one of its own. */
    private final Path file;

    private RiskMatrix(Path file, Map<String, Level> levels, Map<String, String> cells, String priorConsultationFrom) {
        this.file = file;
        this.levels = levels;
        this.cells = cells;
        this.priorConsultationFrom = priorConsultationFrom;
    }

    /** Reads and checks the file; a file that cannot be read or is not a whole matrix is refused, never half used. */
    public static RiskMatrix read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return read(file, content);
    }

    /** The refusal when the file cannot be read at all: absent, or not readable. */
    static BrokenRiskMatrixException unreadable(Path file, IOException e) {
        return new BrokenRiskMatrixException(file, e instanceof java.nio.file.NoSuchFileException ? "missing" : "unreadable",
                List.of(), e);
    }

    /** Where the parser stopped, when it says so: the line and column count from 1, as in an editor. */
    private static BrokenRiskMatrixException notYaml(Path file, Exception e) {
        if (e instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            return new BrokenRiskMatrixException(file, "notYamlAt", List.of(String.valueOf(marked.getProblemMark().getLine() + 1),
                    String.valueOf(marked.getProblemMark().getColumn() + 1)), e);
        }
        return new BrokenRiskMatrixException(file, "notYaml", List.of(), e);
    }

    /** The matrix in {@code content}, the bytes of {@code file} (named in a refusal). */
    static RiskMatrix read(Path file, byte[] content) {
        Object document;
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | YAMLException e) {
            throw notYaml(file, e);
        }
        if (!(document instanceof Map<?, ?> root)) {
            throw new BrokenRiskMatrixException(file, "notMapping", List.of(), null);
        }
        Map<String, Level> levels = new LinkedHashMap<>();
        for (Object level : list(file, root, "levels")) {
            if (!(level instanceof Map<?, ?> l) || l.get("id") == null || !(l.get("rank") instanceof Number rank)) {
                throw new BrokenRiskMatrixException(file, "levelWithoutRank", List.of(), null);
            }
            String id = String.valueOf(l.get("id"));
            Map<String, String> labels = new LinkedHashMap<>();
            l.forEach((key, value) -> {
                if ("label".equals(key) && value != null) {
                    labels.put(DUTCH, String.valueOf(value));
                } else if (String.valueOf(key).startsWith("label_") && value != null) {
                    labels.put(String.valueOf(key).substring("label_".length()), String.valueOf(value));
                }
            });
            if (levels.put(id, new Level(id, rank.intValue(), Map.copyOf(labels))) != null
                    || levels.values().stream().filter(other -> other.rank() == rank.intValue()).count() > 1) {
                throw new BrokenRiskMatrixException(file, "levelTwice", List.of(id, String.valueOf(rank)), null);
            }
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (Object cell : list(file, root, "cells")) {
            if (!(cell instanceof Map<?, ?> c) || !levels.containsKey(String.valueOf(c.get("likelihood")))
                    || !levels.containsKey(String.valueOf(c.get("impact"))) || !levels.containsKey(String.valueOf(c.get("risk")))) {
                throw new BrokenRiskMatrixException(file, "cellWithoutLevels", List.of(cellAsWritten(cell)), null);
            }
            // two cells for one combination: which risk holds would depend on their order in the file (outside tester)
            if (cells.put(key(c.get("likelihood"), c.get("impact")), String.valueOf(c.get("risk"))) != null) {
                throw new BrokenRiskMatrixException(file, "cellTwice",
                        List.of(String.valueOf(c.get("likelihood")), String.valueOf(c.get("impact"))), null);
            }
        }
        for (String likelihood : levels.keySet()) {
            for (String impact : levels.keySet()) {
                if (!cells.containsKey(key(likelihood, impact))) {
                    throw new BrokenRiskMatrixException(file, "cellMissing", List.of(likelihood, impact), null);
                }
            }
        }
        String from = String.valueOf(root.get("prior_consultation_from"));
        if (!levels.containsKey(from)) {
            throw new BrokenRiskMatrixException(file, "thresholdNotALevel", List.of(from, String.join(", ", levels.keySet())), null);
        }
        return new RiskMatrix(file, Map.copyOf(levels), Map.copyOf(cells), from);
    }

    /** A cell as its author wrote it ("{ likelihood: hoog, impact: hoog, risk: hooog }"), not as a Java map prints it. */
    private static String cellAsWritten(Object cell) {
        if (!(cell instanceof Map<?, ?> c)) {
            return String.valueOf(cell);
        }
        return "{ likelihood: " + c.get("likelihood") + ", impact: " + c.get("impact") + ", risk: " + c.get("risk") + " }";
    }

    private static Collection<?> list(Path file, Map<?, ?> root, String key) {
        if (!(root.get(key) instanceof Collection<?> list) || list.isEmpty()) {
            throw new BrokenRiskMatrixException(file, "listMissing", List.of(key), null);
        }
        return list;
    }

    private static String key(Object likelihood, Object impact) {
        return likelihood + "×" + impact;
    }

    /** The risk of one combination, or null when either is missing or not a level. */
    public String risk(Object likelihood, Object impact) {
        return likelihood == null || impact == null ? null : cells.get(key(likelihood, impact));
    }

    /** Refuses, naming the file, when one of these is not a level of this matrix. */
    public void requireLevels(String... levelsAsked) {
        for (String level : levelsAsked) {
            known(level);
        }
    }

    /** The rank the DPIA calculations use for a level; empty for a level the matrix does not know (any more). */
    public Optional<Integer> rank(String level) {
        return Optional.ofNullable(level == null ? null : levels.get(level)).map(Level::rank);
    }

    /** The level of a rank as the DPIA calculations use it; empty for a rank the matrix lacks (0: not answered). */
    public Optional<String> levelOfRank(int rank) {
        return levels.values().stream().filter(l -> l.rank() == rank).map(Level::id).findFirst();
    }

    /**
     * The level's name in this language, else its Dutch name, else its id; a level the matrix no longer knows keeps its
     * id, as recorded.
     */
    public String label(String level, Locale locale) {
        Level known = levels.get(level);
        if (known == null) {
            return level;
        }
        return Optional.ofNullable(known.labels().get(locale.getLanguage())).or(() -> Optional.ofNullable(known.labels().get(DUTCH)))
                .orElse(level);
    }

    /** The levels in ascending order. */
    public List<Level> levels() {
        return levels.values().stream().sorted(Comparator.comparingInt(Level::rank)).toList();
    }

    /** The higher of two levels; null only when both are. */
    public String higher(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return known(a).rank() >= known(b).rank() ? a : b;
    }

    public boolean needsPriorConsultation(String residual) {
        return residual != null && known(residual).rank() >= known(priorConsultationFrom).rank();
    }

    /**
     * A level of this matrix; a level it does not have (the DPIA's declared residual risk after a level was renamed in
     * the matrix only) refuses, naming the file, instead of failing into a 500 (outside tester).
     */
    private Level known(String level) {
        Level known = levels.get(level);
        if (known == null) {
            throw new BrokenRiskMatrixException(file, "levelUnknown", List.of(String.valueOf(level),
                    String.join(", ", levels().stream().map(Level::id).toList())), null);
        }
        return known;
    }

    /** The risk matrix file is missing or broken: whatever needed it is refused, with the file and the reason. */
    public static class BrokenRiskMatrixException extends nl.transparant.problems.PolicyBrokenException {

        BrokenRiskMatrixException(Path file, String reasonKey, List<?> reasonArguments, Throwable cause) {
            super(file, reasonKey, reasonArguments, cause);
        }
    }
}
