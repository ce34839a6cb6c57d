package nl.transparant.register;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
 * removed again). Both are read as a stream, one row at a time, so memory does not grow with the file: a row larger
 * than any entry can be is refused instead of being held.
 */
final class RegisterImportFiles {

    /** The column the history CSV adds; which version a row was elsewhere does not decide its version here. */
    static final String VERSION_COLUMN = "Versie";

    /** One entry's fields: some hundred kilobytes of rich text at the most; far more is no entry but an attack on memory. */
    static final int MAX_ROW_CHARS = 4 * 1024 * 1024;
    static final int MAX_ROW_VALUES = 100_000;
    static final int MAX_COLUMNS = 1_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(20)
                    .maxStringLength(MAX_ROW_CHARS)
                    .maxNumberLength(100)
                    .maxNameLength(1000)
                    .build())
            // a key given twice in a row was read as its last value, the first dropped unseen (outside tester)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper(FACTORY);

    private RegisterImportFiles() {
    }

    /** The rows of a file in order; {@code null} after the last. Refusals are {@link InvalidInputException}s. */
    interface Rows {
        Map<String, Object> next();
    }

    static Rows json(InputStream body) {
        JsonParser parser;
        try {
            parser = FACTORY.createParser(utf8(body));
            if (parser.nextToken() != JsonToken.START_OBJECT || !toVersions(parser)) {
                throw notTheDump();
            }
        } catch (IOException e) {
            throw unreadable(e, "JSON");
        }
        return () -> {
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    // the rest of the dump is read too (skipped): a second "algoritme_versions" is refused as a key given
                    // twice, not left unread
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        parser.nextToken();
                        parser.skipChildren();
                    }
                    return null;
                }
                if (token == null) {
                    throw invalid("problem.registerImport.endsInside");
                }
                if (token != JsonToken.START_OBJECT) {
                    throw invalid("problem.registerImport.notAnObject");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> row = (Map<String, Object>) value(parser, new RowBudget());
                row.values().removeIf(v -> v == null);
                return row;
            } catch (IOException e) {
                throw unreadable(e, "JSON");
            }
        };
    }

    /**
     * The dump's {@code organisation_details}, each as it stands (org_id, name, type ...); the versions are skipped
     * unread. Empty when the dump has none. A second pass over the file: the details may follow the versions.
     */
    static List<Map<String, Object>> organisationDetails(InputStream body) {
        List<Map<String, Object>> details = new ArrayList<>();
        try {
            JsonParser parser = FACTORY.createParser(utf8(body));
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notTheDump();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("organisation_details".equals(name) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> detail = (Map<String, Object>) value(parser, new RowBudget());
                        details.add(detail);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw unreadable(e, "JSON");
        }
        return details;
    }

    /** Moves the parser into the array of versions; the other members (organisation_details) are skipped unread. */
    private static boolean toVersions(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("algoritme_versions".equals(name)) {
                return value == JsonToken.START_ARRAY;
            }
            parser.skipChildren();
        }
        return false;
    }

    /** A refusal of the file, told in the reader's language. */
    private static InvalidInputException invalid(String key, Object... arguments) {
        return InvalidInputException.of(key, List.of(), arguments);
    }

    private static InvalidInputException notTheDump() {
        return invalid("problem.registerImport.notTheDump");
    }

    /** Counts what one row holds while it is built, and refuses it before it can outgrow any real entry. */
    private static final class RowBudget {
        private long chars;
        private int values;

        void spend(int length) {
            chars += length;
            values++;
            if (chars > MAX_ROW_CHARS || values > MAX_ROW_VALUES) {
                throw invalid("problem.registerImport.rowTooLarge", MAX_ROW_CHARS / (1024 * 1024), MAX_ROW_VALUES);
            }
        }
    }

    private static Object value(JsonParser parser, RowBudget budget) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    budget.spend(name.length());
                    parser.nextToken();
                    object.put(name, value(parser, budget));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser, budget));
                }
                return array;
            }
            case VALUE_STRING -> {
                budget.spend(parser.getTextLength());
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                budget.spend(parser.getTextLength());
                return parser.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                budget.spend(1);
                return token == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                budget.spend(1);
                return null;
            }
            default -> throw invalid("problem.registerImport.notJson");
        }
    }

    static Rows csv(InputStream body, RegisterStandard standard) {
        CsvRecords records = new CsvRecords(utf8(body));
        List<String> header = records.next();
        if (header == null) {
            throw invalid("problem.registerImport.csvEmpty");
        }
        List<Optional<FieldDefinition>> columns = new ArrayList<>();
        // the national register's own columns (owner, state ...) are handed on under their key, for the import to note
        List<String> ownKeys = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String title : header) {
            if (!seen.add(title)) {
                // the second column of the same title was read over the first, which was dropped unseen (outside tester)
                throw invalid("problem.registerImport.duplicateColumn", title);
            }
            ownKeys.add(NationalRecords.REGISTER_KEYS.contains(title) ? title : null);
            if (VERSION_COLUMN.equals(title) || ownKeys.get(ownKeys.size() - 1) != null) {
                columns.add(Optional.empty());
                continue;
            }
            columns.add(Optional.of(standard.fields().stream().filter(f -> f.title().nl().equals(title)).findFirst()
                    .orElseThrow(() -> invalid("problem.registerImport.unknownColumn", title))));
        }
        return () -> {
            List<String> cells;
            do {
                cells = records.next();
            // a blank line, or a row of empty cells only (what a spreadsheet exports below its last row: outside tester,
            // a file with such rows was refused as a whole): no entry, skipped
            } while (cells != null && cells.stream().allMatch(String::isEmpty));
            if (cells == null) {
                return null;
            }
            if (cells.size() != columns.size()) {
                throw invalid("problem.registerImport.cellCount", String.valueOf(records.count() - 1), cells.size(), columns.size());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                String cell = undefused(cells.get(c));
                if (ownKeys.get(c) != null && !cell.isEmpty()) {
                    row.put(ownKeys.get(c), cell);
                }
                if (columns.get(c).isEmpty() || cell.isEmpty()) {
                    continue;
                }
                FieldDefinition field = columns.get(c).get();
                row.put(field.key(), field.type() == FieldType.MULTI || field.type() == FieldType.GROUPING ? list(cell) : cell);
            }
            return row;
        };
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

    /**
     * RFC 4180, one record at a time: comma-separated, quoted cells may hold commas, line breaks and doubled quotes;
     * CRLF or LF ends a record. A record longer than any entry is refused while it is read.
     */
    static final class CsvRecords {

        private final Reader in;
        private int peeked = -2;
        private int count;

        CsvRecords(Reader in) {
            this.in = in;
        }

        int count() {
            return count;
        }

        /** The next record's cells, or {@code null} at the end of the file. */
        List<String> next() {
            try {
                return read();
            } catch (IOException e) {
                throw unreadable(e, "CSV");
            }
        }

        private List<String> read() throws IOException {
            List<String> record = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean cellWasQuoted = false;
            long chars = 0;
            int c = take();
            if (c < 0) {
                return null;
            }
            count++;
            while (c >= 0) {
                if (++chars > MAX_ROW_CHARS || record.size() > MAX_COLUMNS) {
                    throw invalid("problem.registerImport.recordTooLarge", String.valueOf(count), MAX_ROW_CHARS / (1024 * 1024), MAX_COLUMNS);
                }
                if (quoted) {
                    if (c == '"') {
                        if (peek() == '"') {
                            cell.append('"');
                            take();
                        } else {
                            quoted = false;
                        }
                    } else {
                        cell.append((char) c);
                    }
                } else if (c == '"' && cell.length() == 0 && !cellWasQuoted) {
                    quoted = true;
                    cellWasQuoted = true;
                } else if (c == ',') {
                    record.add(cell.toString());
                    cell.setLength(0);
                    cellWasQuoted = false;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        take();
                    }
                    record.add(cell.toString());
                    return record;
                } else if (cellWasQuoted) {
                    throw invalid("problem.registerImport.textAfterQuote", String.valueOf(count));
                } else {
                    cell.append((char) c);
                }
                c = take();
            }
            if (quoted) {
                throw invalid("problem.registerImport.quoteNotClosed");
            }
            record.add(cell.toString());
            return record;
        }

        private int take() throws IOException {
            if (peeked != -2) {
                int c = peeked;
                peeked = -2;
                return c;
            }
            return in.read();
        }

        private int peek() throws IOException {
            if (peeked == -2) {
                peeked = in.read();
            }
            return peeked;
        }
    }

    /** UTF-8, with or without a byte-order mark; anything else is refused rather than read as garbled text. */
    private static Reader utf8(InputStream body) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
        } catch (IOException e) {
            throw unreadable(e, "text");
        }
        return reader;
    }

    private static RuntimeException unreadable(IOException e, String format) {
        if (e instanceof CharacterCodingException) {
            return invalid("problem.registerImport.notUtf8");
        }
        if (e instanceof StreamConstraintsException) {
            return invalid("problem.registerImport.tooDeep");
        }
        if (e instanceof com.fasterxml.jackson.core.JsonParseException parse
                && String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field '")) {
            String name = parse.getOriginalMessage().substring("Duplicate field '".length());
            return invalid("problem.registerImport.duplicateKey", name.endsWith("'") ? name.substring(0, name.length() - 1) : name);
        }
        if (e instanceof JsonProcessingException) {
            return invalid("problem.registerImport.notValid", format);
        }
        // the connection broke off while the file was still coming in
        return new UncheckedIOException(e);
    }
}
