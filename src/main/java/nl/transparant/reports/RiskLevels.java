package nl.transparant.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The levels of {@code policies/risk-matrix.yaml} as a report shows them: the level of a likelihood × impact and
 * its name in the report's language. Read from the file for each report, so the report follows the matrix in force.
 */
record RiskLevels(Map<String, String> cells, Map<String, String> labels, Map<Integer, String> ranks) {

    static RiskLevels read(Path file, Locale locale) {
        try (InputStream in = Files.newInputStream(file)) {
            if (!(new Yaml(new SafeConstructor(new LoaderOptions())).load(in) instanceof Map<?, ?> root)) {
                throw new IllegalStateException(file + " is not a mapping");
            }
            Map<String, String> labels = new HashMap<>();
            Map<Integer, String> ranks = new HashMap<>();
            if (root.get("levels") instanceof Collection<?> levels) {
                for (Object level : levels) {
                    if (level instanceof Map<?, ?> l && l.get("id") != null) {
                        Object label = ReportTexts.DUTCH.equals(locale.getLanguage()) || l.get("label_" + locale.getLanguage()) == null
                                ? l.get("label") : l.get("label_" + locale.getLanguage());
                        labels.put(String.valueOf(l.get("id")), label == null ? String.valueOf(l.get("id")) : String.valueOf(label));
                        if (l.get("rank") instanceof Number rank) {
                            ranks.put(rank.intValue(), String.valueOf(l.get("id")));
                        }
                    }
                }
            }
            Map<String, String> cells = new HashMap<>();
            if (root.get("cells") instanceof Collection<?> all) {
                for (Object cell : all) {
                    if (cell instanceof Map<?, ?> c) {
                        cells.put(c.get("likelihood") + "×" + c.get("impact"), String.valueOf(c.get("risk")));
                    }
                }
            }
            return new RiskLevels(Map.copyOf(cells), Map.copyOf(labels), Map.copyOf(ranks));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the risk matrix " + file, e);
        }
    }

    /** The level of this combination, or null when either answer is missing or the matrix has no such cell. */
    AssessmentReport.Level of(Object likelihood, Object impact) {
        String level = likelihood == null || impact == null ? null : cells.get(likelihood + "×" + impact);
        return level == null ? null : named(level);
    }

    /** The level of a rank as the DPIA calculations use it; null for a rank the matrix lacks (0: not answered). */
    AssessmentReport.Level ranked(int rank) {
        return named(ranks.get(rank));
    }

    AssessmentReport.Level named(String level) {
        return level == null ? null : new AssessmentReport.Level(level, labels.getOrDefault(level, level));
    }
}
