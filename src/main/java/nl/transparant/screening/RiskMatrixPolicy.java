package nl.transparant.screening;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The risk matrix in force, {@code policies/risk-matrix.yaml}. Policy data: read from the file each time it is needed,
 * so a change applies to the next DPIA, page and report; a broken file is refused wherever it is needed
 * ({@link RiskMatrix.BrokenRiskMatrixException}), never read as an empty or partial matrix. The file's bytes are read
 * each time; they are parsed again only when they differ from the bytes the matrix in hand came from (parsing the YAML
 * on every DPIA step was 2 % of the application's CPU per review cycle).
 */
@Component
public class RiskMatrixPolicy {

    private final Path file;
    private volatile Parsed lastParsed;

    private record Parsed(byte[] content, RiskMatrix matrix) {
    }

    public RiskMatrixPolicy(@Value("${transparant.policies-dir}") Path policies) {
        this.file = policies.resolve("risk-matrix.yaml");
    }

    /** The file the matrix is read from, for a refusal that names it. */
    Path file() {
        return file;
    }

    public RiskMatrix current() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw RiskMatrix.unreadable(file, e);
        }
        Parsed known = lastParsed;
        if (known != null && Arrays.equals(known.content(), content)) {
            return known.matrix();
        }
        RiskMatrix matrix = RiskMatrix.read(file, content);
        lastParsed = new Parsed(content, matrix);
        return matrix;
    }
}
