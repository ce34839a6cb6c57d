package nl.transparant.screening;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The risk matrix in force, {@code policies/risk-matrix.yaml}. Policy data: read from the file each time it is needed,
 * so a change applies to the next DPIA, page and report; a broken file is refused wherever it is needed
 * ({@link RiskMatrix.BrokenRiskMatrixException}), never read as an empty or partial matrix.
 */
@Component
public class RiskMatrixPolicy {

    private final Path file;

    public RiskMatrixPolicy(@Value("${transparant.policies-dir}") Path policies) {
        this.file = policies.resolve("risk-matrix.yaml");
    }

    public RiskMatrix current() {
        return RiskMatrix.read(file);
    }
}
