package nl.transparant.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.FieldType;
import nl.transparant.standard.RegisterStandard;

/**
 * Reads the two national file shapes back into rows of register fields, exactly as {@link RegisterDownloads} writes
 * them: the JSON dump {@code {"algoritme_versions": [...], "organisation_details": [...]}} and the CSV with the
 * standard's Dutch titles as headers (RFC 4180; lists as JSON in the cell; the apostrophe that defuses a formula
 * removed again). A file that cannot be read as a whole is refused before any row is looked at.
 */
final class RegisterImportFiles {

    /** The column the history CSV adds; which version a row was elsewhere does not decide its version here. */
    static final String VERSION_COLUMN = "Versie";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegisterImportFiles() {
    }

    static List<Map<String, Object>> json(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(text(body));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("The file is not valid JSON.");
        }
        if (root == null || !root.isObject() || !root.path("algoritme_versions").isArray()) {
            throw new InvalidInputException("The file is not the national register's JSON dump: "
                    + "expected an object with an array \"algoritme_versions\".");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode version : root.get("algoritme_versions")) {
            if (!version.isObject()) {
                throw new InvalidInputException("Every element of \"algoritme_versions\" must be an object.");
            }
            Map<String, Object> row = JSON.convertValue(version, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            row.values().removeIf(v -> v == null);
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, Object>> csv(byte[] body, RegisterStandard standard) {
        List<List<String>> records = rfc4180(text(body));
        if (records.isEmpty()) {
            throw new InvalidInputException("The file is empty: expected a header row with the standard's Dutch titles.");
        }
        List<Optional<FieldDefinition>> columns = new ArrayList<>();
        for (String title : records.get(0)) {
            if (VERSION_COLUMN.equals(title)) {
                columns.add(Optional.empty());
                continue;
            }
            columns.add(Optional.of(standard.fields().stream().filter(f -> f.title().nl().equals(title)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("Column \"" + title + "\" is not a Dutch title of the standard's fields."))));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            if (cells.size() == 1 && cells.get(0).isEmpty()) {
                continue;
            }
            if (cells.size() != columns.size()) {
                throw new InvalidInputException("Row " + r + " has " + cells.size() + " cells; the header has " + columns.size() + ".");
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                String cell = undefused(cells.get(c));
                if (columns.get(c).isEmpty() || cell.isEmpty()) {
                    continue;
                }
                FieldDefinition field = columns.get(c).get();
                row.put(field.key(), field.type() == FieldType.MULTI || field.type() == FieldType.GROUPING ? list(cell) : cell);
            }
            rows.add(row);
        }
        return rows;
    }

    /** A list cell that is not JSON is handed on as text, so the row is refused with the field's own message. */
    private static Object list(String cell) {
        try {
            return JSON.readValue(cell, Object.class);
        } catch (JsonProcessingException e) {
            return cell;
        }
    }

    /** Undoes {@link Csv#defused(String)}. */
    static String undefused(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'') {
            char next = cell.charAt(1);
            if (next == '=' || next == '+' || next == '-' || next == '@' || next == '\t' || next == '\r') {
                return cell.substring(1);
            }
        }
        return cell;
    }

    /** RFC 4180: comma-separated, quoted cells may hold commas, line breaks and doubled quotes; CRLF or LF ends a record. */
    static List<List<String>> rfc4180(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean cellWasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0 && !cellWasQuoted) {
                quoted = true;
                cellWasQuoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                cellWasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                records.add(record);
                record = new ArrayList<>();
                cell.setLength(0);
                cellWasQuoted = false;
            } else if (cellWasQuoted) {
                throw new InvalidInputException("Record " + (records.size() + 1) + " is not valid CSV: text after a closing quote.");
            } else {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new InvalidInputException("The file is not valid CSV: a quoted cell is never closed.");
        }
        if (cell.length() > 0 || cellWasQuoted || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }

    /** UTF-8, with or without a byte-order mark; anything else is refused rather than read as garbled text. */
    private static String text(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("The file is not UTF-8 text.");
        }
    }
}
