package nl.transparant.ethics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The committee's decision rule of {@code policies/ethics-committee.yaml}: how many votes make a quorum, and which
 * review outcome a negative majority, a tie and a positive majority give. Policy data: read at every decision.
 */
record EthicsPolicy(int quorum, String onNegativeMajority, String onTie, String onPositiveMajority) {

    static final List<String> OUTCOMES = List.of("approve", "send-back", "reject");

    EthicsPolicy {
        if (quorum < 1) {
            throw new IllegalStateException("The ethics committee's quorum must be at least 1, not " + quorum);
        }
        for (String outcome : List.of(onNegativeMajority, onTie, onPositiveMajority)) {
            if (!OUTCOMES.contains(outcome)) {
                throw new IllegalStateException("The ethics committee's policy names outcome '" + outcome + "'; use one of " + OUTCOMES);
            }
        }
    }

    static EthicsPolicy read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(document instanceof Map<?, ?> root)) {
                throw new IllegalStateException(file + " is not a mapping");
            }
            return new EthicsPolicy(((Number) root.get("quorum")).intValue(), (String) root.get("on_negative_majority"),
                    (String) root.get("on_tie"), (String) root.get("on_positive_majority"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ethics committee's policy " + file, e);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalStateException(file + " needs quorum, on_negative_majority, on_tie and on_positive_majority", e);
        }
    }

    /** The outcome these votes give, or empty while the quorum is not reached. */
    Optional<String> decide(List<Vote> votes) {
        if (votes.size() < quorum) {
            return Optional.empty();
        }
        long negative = votes.stream().filter(v -> v == Vote.NEGATIVE).count();
        long positive = votes.size() - negative;
        return Optional.of(negative > positive ? onNegativeMajority : negative == positive ? onTie : onPositiveMajority);
    }
}
