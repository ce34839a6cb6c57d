package nl.transparant.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a copy of the decision log against signed checkpoints, with nothing but the public key: no database, no
 * running application. Run it on the auditor's own machine, e.g. from the application's jar:
 *
 * <pre>
 * java -cp transparant.jar -Dloader.main=nl.transparant.audit.OfflineVerifier \
 *      org.springframework.boot.loader.launch.PropertiesLauncher PUBLIC_KEY checkpoints.json decision-log.csv
 * </pre>
 *
 * {@code PUBLIC_KEY}: the Ed25519 public key (X.509, base64) as obtained independently of the database (the start-up
 * log, the register's page, a copy kept earlier); {@code checkpoints.json}: what {@code /api/public/checkpoints}
 * answered (any time, kept copies included); {@code decision-log.csv}: the auditor's export of the whole log
 * ({@code /api/audit/records/export?format=csv} by an auditor of every organisation). Prints the verdict and exits
 * 0 when the log holds, 1 when it does not (naming the checkpoint a rewrite contradicts), 2 on unusable input.
 */
public final class OfflineVerifier {

    private OfflineVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        if (args.length != 3) {
            out.println("Usage: OfflineVerifier <public key, base64> <checkpoints.json> <decision-log.csv>");
            return 2;
        }
        try {
            PublicKey key = CheckpointKey.publicKey(args[0]);
            List<Checkpoint> checkpoints = checkpoints(Path.of(args[1]));
            ChainVerifier verifier = ChainVerifier.against(checkpoints, key);
            DecisionRecord last = null;
            try (BufferedReader csv = Files.newBufferedReader(Path.of(args[2]), StandardCharsets.UTF_8)) {
                List<String> header = row(csv);
                if (header == null || !String.join(",", header).equals(CsvExport.HEADER)) {
                    out.println("Not a decision log export: the first line must be " + CsvExport.HEADER);
                    return 2;
                }
                for (List<String> row = row(csv); row != null; row = row(csv)) {
                    last = record(row);
                    if (!verifier.accept(last)) {
                        break;
                    }
                }
            }
            Verification result = last == null ? verifier.result(0, CanonicalForm.GENESIS_HASH)
                    : verifier.result(last.seq(), last.recordHash());
            if (result.intact()) {
                out.println("Intact: " + result.recordsChecked() + " records, " + result.checkpointsChecked()
                        + " checkpoints signed by key " + CheckpointKey.keyId(key) + " agree with them.");
                return 0;
            }
            out.println("NOT INTACT at record " + result.firstProblem().seq() + " (" + result.firstProblem().kind() + "): "
                    + result.firstProblem().detail());
            return 1;
        } catch (IOException | RuntimeException e) {
            out.println("Cannot verify: " + e.getMessage());
            return 2;
        }
    }

    private static List<Checkpoint> checkpoints(Path file) throws IOException {
        JsonNode published = new ObjectMapper().readTree(file.toFile());
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (JsonNode c : published.path("checkpoints")) {
            checkpoints.add(new Checkpoint(c.get("number").asLong(), c.get("logSeq").asLong(), c.get("logHash").asText(),
                    Instant.parse(c.get("signedAt").asText()), c.get("keyId").asText(), c.get("signature").asText()));
        }
        return checkpoints;
    }

    private static DecisionRecord record(List<String> row) {
        if (row.size() != 13) {
            throw new IllegalArgumentException("A line of the export has " + row.size() + " columns instead of 13");
        }
        return new DecisionRecord(Long.parseLong(row.get(0)), Instant.parse(row.get(1)), row.get(2), row.get(3), row.get(4),
                row.get(5), row.get(6), row.get(7), row.get(8), row.get(9), row.get(10), row.get(11), row.get(12));
    }

    /**
     * One CSV row as {@link CsvExport} writes it (RFC 4180, CRLF): an unquoted empty cell is NULL, a quoted one the
     * empty string. Null at the end of the file.
     */
    static List<String> row(Reader in) throws IOException {
        int c = in.read();
        if (c == -1) {
            return null;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean inQuotes = false;
        while (true) {
            if (inQuotes) {
                if (c == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        cell.append('"');
                    } else {
                        inQuotes = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else if (c == -1) {
                    throw new IllegalArgumentException("The export ends inside a quoted cell");
                } else {
                    cell.append((char) c);
                }
            } else if (c == '"') {
                inQuotes = true;
                quoted = true;
            } else if (c == ',' || c == '\n' || c == -1) {
                cells.add(cell.isEmpty() && !quoted ? null : cell.toString());
                cell.setLength(0);
                quoted = false;
                if (c != ',') {
                    return cells;
                }
            } else if (c != '\r') {
                cell.append((char) c);
            }
            c = in.read();
        }
    }
}
