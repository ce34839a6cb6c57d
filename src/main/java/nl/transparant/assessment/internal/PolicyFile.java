package nl.transparant.assessment.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One policy file as read from disk: its name relative to the policy folder, its bytes and their SHA-256.
 * YAML is read with YAML 1.1 rules (as the government's own tooling, PyYAML, reads it), duplicate keys refused.
 */
public record PolicyFile(String name, byte[] bytes, String sha256) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static PolicyFile read(Path folder, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String name = folder.relativize(file).toString().replace('\\', '/');
        return new PolicyFile(name, bytes, sha256(bytes));
    }

    public static PolicyFile of(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new PolicyFile(name, bytes, sha256(bytes));
    }

    static boolean isPolicy(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** The parsed document (maps, lists, scalars), or null after reporting why it cannot be read. */
    Object parse(Problems problems) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
                return JSON.readValue(text, Object.class);
            }
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(50);
            return new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : " (line " + (e.getProblemMark().getLine() + 1) + ", column "
                    + (e.getProblemMark().getColumn() + 1) + ")";
            problems.error(null, "", "not valid YAML: " + e.getProblem() + where);
        } catch (YAMLException e) {
            problems.error(null, "", "not valid YAML: " + e.getMessage());
        } catch (JsonProcessingException e) {
            problems.error(null, "", "not valid JSON: " + e.getOriginalMessage() + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
