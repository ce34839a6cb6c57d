package nl.transparant.screening;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The likelihood × impact matrix of {@code policies/risk-matrix.yaml}: which risk level each combination
 * gives, how the levels rank, and from which residual level prior consultation (GDPR Art. 36) is needed.
 * Policy data: read from the file each time it is needed, so a change applies to the next DPIA.
 */
record RiskMatrix(Map<String, Integer> ranks, Map<String, String> cells, String priorConsultationFrom) {

    static RiskMatrix read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(document instanceof Map<?, ?> root)) {
                throw new IllegalStateException(file + " is not a mapping");
            }
            Map<String, Integer> ranks = new HashMap<>();
            for (Object level : (Collection<?>) root.get("levels")) {
                Map<?, ?> l = (Map<?, ?>) level;
                ranks.put(String.valueOf(l.get("id")), ((Number) l.get("rank")).intValue());
            }
            Map<String, String> cells = new HashMap<>();
            for (Object cell : (Collection<?>) root.get("cells")) {
                Map<?, ?> c = (Map<?, ?>) cell;
                cells.put(c.get("likelihood") + "×" + c.get("impact"), String.valueOf(c.get("risk")));
            }
            String from = String.valueOf(root.get("prior_consultation_from"));
            if (!ranks.containsKey(from) || cells.size() != ranks.size() * ranks.size()) {
                throw new IllegalStateException(file + ": every likelihood × impact needs a cell, and prior_consultation_from a level");
            }
            return new RiskMatrix(Map.copyOf(ranks), Map.copyOf(cells), from);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the risk matrix " + file, e);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalStateException(file + " does not have the shape of a risk matrix", e);
        }
    }

    /** The risk of one combination, or null when either is unknown. */
    String risk(Object likelihood, Object impact) {
        return cells.get(likelihood + "×" + impact);
    }

    String higher(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return ranks.get(a) >= ranks.get(b) ? a : b;
    }

    boolean needsPriorConsultation(String residual) {
        return residual != null && ranks.get(residual) >= ranks.get(priorConsultationFrom);
    }
}
