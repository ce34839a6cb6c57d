package nl.transparant.register;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.FieldType;
import nl.transparant.standard.RegisterStandard;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The register as files, for the current entries and for every published version: CSV with the standard's Dutch
 * titles as column headers, and the JSON dump in the national register's shape. Rows are written as the database
 * hands them over (a small fetch size), so a large register is never held in memory whole.
 */
@RestController
class RegisterDownloads {

    static final String CURRENT_ROWS = "select e.fields, e.version_number from register_listing l "
            + "join published_entry e on e.id = l.entry_id order by l.sort_name, l.lars";
    /** The current entries with their English texts: the third column. */
    static final String CURRENT_ROWS_ENGLISH = "select e.fields, e.version_number, e.english_fields from register_listing l "
            + "join published_entry e on e.id = l.entry_id order by l.sort_name, l.lars";
    static final String HISTORY_ROWS = "select e.fields, e.version_number from published_entry e order by e.lars, e.version_number";
    static final String ORGANISATIONS = "select o.code, o.name, o.organisation_type from organisation o "
            + "where exists (select 1 from published_entry e where e.organisation_code = o.code) order by o.name";
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final RegisterStandard standard;

    RegisterDownloads(DataSource dataSource, RegisterStandard standard) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(200);
        this.standard = standard;
    }

    @GetMapping("/register/downloads/algoritmeregister.csv")
    ResponseEntity<StreamingResponseBody> currentCsv() {
        return file("algoritmeregister.csv", CSV, out -> csv(out, CURRENT_ROWS, false));
    }

    @GetMapping("/register/downloads/algoritmeregister-historie.csv")
    ResponseEntity<StreamingResponseBody> historyCsv() {
        return file("algoritmeregister-historie.csv", CSV, out -> csv(out, HISTORY_ROWS, true));
    }

    @GetMapping("/register/downloads/algoritmeregister.json")
    ResponseEntity<StreamingResponseBody> currentJson() {
        return file("algoritmeregister.json", MediaType.APPLICATION_JSON, out -> json(out, CURRENT_ROWS));
    }

    /**
     * The current entries as the English register serves them: each with its owner's English texts ({@code lang} "eng")
     * and the Dutch text where there is no English one; same shape as the Dutch dump.
     */
    @GetMapping("/register/downloads/algoritmeregister-eng.json")
    ResponseEntity<StreamingResponseBody> currentJsonInEnglish() {
        return file("algoritmeregister-eng.json", MediaType.APPLICATION_JSON, out -> json(out, CURRENT_ROWS_ENGLISH));
    }

    @GetMapping("/register/downloads/algoritmeregister-historie.json")
    ResponseEntity<StreamingResponseBody> historyJson() {
        return file("algoritmeregister-historie.json", MediaType.APPLICATION_JSON, out -> json(out, HISTORY_ROWS));
    }

    /**
     * The file's headers are sent, and the response committed, in the request's own thread before the body streams on
     * another: otherwise the streaming thread's first flush commits the response and writes the security headers there
     * while the request thread, leaving its filters, writes them too, two threads on one header map (a
     * ConcurrentModificationException the downloads test met under load).
     */
    static ResponseEntity<StreamingResponseBody> file(String name, MediaType type, StreamingResponseBody body) {
        HttpServletResponse response = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getResponse();
        if (response == null) {
            throw new IllegalStateException("A download is answered within a request");
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(type.toString());
        response.setHeader("Content-Disposition", ContentDisposition.attachment().filename(name).build().toString());
        response.setHeader("Cache-Control", CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic().getHeaderValue());
        try {
            response.flushBuffer();
        } catch (IOException gone) {
            throw new java.io.UncheckedIOException("The client went away before the download began", gone);
        }
        return ResponseEntity.ok().body(body);
    }

    private void csv(java.io.OutputStream out, String rows, boolean withVersion) throws IOException {
        List<FieldDefinition> fields = standard.fields();
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<String> header = new ArrayList<>(fields.stream().map(f -> f.title().nl()).toList());
        if (withVersion) {
            header.add("Versie");
        }
        Csv.writeRow(writer, header);
        jdbc.query(rows, rs -> {
            Map<String, Object> values = fields(rs.getString(1));
            List<String> cells = new ArrayList<>(fields.size() + 1);
            for (FieldDefinition field : fields) {
                cells.add(cell(field, values.get(field.key())));
            }
            if (withVersion) {
                cells.add(String.valueOf(rs.getInt(2)));
            }
            try {
                Csv.writeRow(writer, cells);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        writer.flush();
    }

    void json(java.io.OutputStream out, String rows) throws IOException {
        try (JsonGenerator json = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("algoritme_versions");
            jdbc.query(rows, rs -> {
                try {
                    if (rs.getMetaData().getColumnCount() > 2 && rs.getString(3) != null) {
                        json.writeObject(EnglishTexts.overlay(fields(rs.getString(1)), fields(rs.getString(3))));
                    } else {
                        // stored as Jackson wrote it: valid JSON, copied without parsing
                        json.writeRawValue(rs.getString(1));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
            json.writeArrayFieldStart("organisation_details");
            jdbc.query(ORGANISATIONS, rs -> {
                try {
                    json.writeStartObject();
                    json.writeStringField("name", rs.getString(2));
                    json.writeNullField("about");
                    json.writeNullField("contact_info");
                    json.writeStringField("language", "NLD");
                    json.writeStringField("code", rs.getString(1));
                    json.writeStringField("type", rs.getString(3));
                    json.writeBooleanField("show_page", true);
                    json.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Lists (themes, rows of links) are written as JSON inside the cell, so that they read back without guessing. */
    static String cell(FieldDefinition field, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> || field.type() == FieldType.GROUPING || field.type() == FieldType.MULTI) {
            try {
                return JSON.writeValueAsString(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return String.valueOf(value);
    }

    static Map<String, Object> fields(String json) {
        try {
            return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
