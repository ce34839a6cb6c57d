package nl.transparant.register;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.RegisterStandard;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The English counterparts of {@link RegisterDownloads}: the same rows with each version's English texts over the
 * Dutch ones ({@link EnglishTexts#overlay}), and in the CSV the standard's English titles as column headers. A text
 * without an English version is the Dutch one; the CSV's last column names those texts per row, so a reader knows
 * which cells are in Dutch. The standard's permitted values (status, theme) are in the CSV by their English labels, as on
 * the English entry page; the JSON keeps them as the standard spells them (machine data). Names of things, links and
 * dates are the same in both languages. Rows stream from the database like the Dutch files.
 * (The current entries in English as JSON are {@link RegisterDownloads#currentJsonInEnglish}.)
 */
@RestController
class EnglishRegisterDownloads {

    /** Every published version with its English texts: the third column. */
    static final String HISTORY_ROWS_ENGLISH = "select e.fields, e.version_number, e.english_fields from published_entry e "
            + "order by e.lars, e.version_number";
    static final String VERSION_HEADER = "Version";
    static final String DUTCH_TEXTS_HEADER = "Texts in Dutch (no English version)";

    private final JdbcTemplate jdbc;
    private final RegisterStandard standard;
    private final RegisterDownloads downloads;

    EnglishRegisterDownloads(DataSource dataSource, RegisterStandard standard, RegisterDownloads downloads) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(200); // as the Dutch files: the driver hands rows over as they come
        this.standard = standard;
        this.downloads = downloads;
    }

    @GetMapping("/register/downloads/algoritmeregister-eng.csv")
    ResponseEntity<StreamingResponseBody> currentCsv() {
        return RegisterDownloads.file("algoritmeregister-eng.csv", RegisterDownloads.CSV,
                out -> csv(out, RegisterDownloads.CURRENT_ROWS_ENGLISH, false));
    }

    @GetMapping("/register/downloads/algoritmeregister-historie-eng.csv")
    ResponseEntity<StreamingResponseBody> historyCsv() {
        return RegisterDownloads.file("algoritmeregister-historie-eng.csv", RegisterDownloads.CSV,
                out -> csv(out, HISTORY_ROWS_ENGLISH, true));
    }

    @GetMapping("/register/downloads/algoritmeregister-historie-eng.json")
    ResponseEntity<StreamingResponseBody> historyJson() {
        return RegisterDownloads.file("algoritmeregister-historie-eng.json", MediaType.APPLICATION_JSON,
                out -> downloads.json(out, HISTORY_ROWS_ENGLISH));
    }

    private void csv(OutputStream out, String rows, boolean withVersion) throws IOException {
        List<FieldDefinition> fields = standard.fields();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<String> header = new ArrayList<>(fields.stream().map(EnglishRegisterDownloads::englishTitle).toList());
        if (withVersion) {
            header.add(VERSION_HEADER);
        }
        header.add(DUTCH_TEXTS_HEADER);
        Csv.writeRow(writer, header);
        jdbc.query(rows, rs -> {
            Map<String, Object> dutch = RegisterDownloads.fields(rs.getString(1));
            String englishJson = rs.getString(3);
            Map<String, Object> english = englishJson == null ? Map.of() : RegisterDownloads.fields(englishJson);
            Map<String, Object> shown = EnglishTexts.overlay(dutch, english);
            List<String> cells = new ArrayList<>(fields.size() + 2);
            for (FieldDefinition field : fields) {
                cells.add(RegisterDownloads.cell(field, inEnglish(field, shown.get(field.key()))));
            }
            if (withVersion) {
                cells.add(String.valueOf(rs.getInt(2)));
            }
            cells.add(dutchTitles(EnglishTexts.dutchOnly(dutch, english)));
            try {
                Csv.writeRow(writer, cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.flush();
    }

    /**
     * A permitted value by the English label the English entry page shows ("Social security" for "Sociale
     * zekerheid"): the CSV is for people. The JSON keeps the standard's values, which machines compare.
     */
    static Object inEnglish(FieldDefinition field, Object value) {
        if (value == null || field.permittedValues().isEmpty()) {
            return value;
        }
        if (value instanceof java.util.Collection<?> values) {
            return values.stream().map(v -> inEnglish(field, v)).toList();
        }
        String text = String.valueOf(value);
        return field.permittedValues().stream().filter(p -> p.nl().equals(text)).<Object>map(p -> p.in(java.util.Locale.ENGLISH))
                .findFirst().orElse(value);
    }

    /** The standard's English title; its Dutch one where the configuration has none. */
    private static String englishTitle(FieldDefinition field) {
        String english = field.title().en();
        return english == null || english.isBlank() ? field.title().nl() : english;
    }

    /** The texts of a row shown in Dutch, by their English titles in the standard's order, separated by "; ". */
    private String dutchTitles(Set<String> keys) {
        return String.join("; ", standard.fields().stream().filter(f -> keys.contains(f.key()))
                .map(EnglishRegisterDownloads::englishTitle).toList());
    }
}
