package nl.transparant.register;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Full-text search, filters, order and paging over the register's latest versions, answered from memory: the question
 * from {@link RegisterSnapshot} (the listing of the current generation, indexed by word), and the page's published fields
 * from the same snapshot, which keeps them per entry. A search page costs no database round trip; the database is asked
 * only for the register's generation, at most once per check interval ({@link RegisterReads}).
 */
@Component
class RegisterSearch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] RESULTS = "{\"results\":[".getBytes(StandardCharsets.US_ASCII);
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final RegisterReads reads;

    RegisterSearch(RegisterReads reads) {
        this.reads = reads;
    }

    SearchResult search(RegisterQuery query) {
        return search(query, false);
    }

    /** @param english each entry as the English register serves it ({@link EnglishTexts}) */
    SearchResult search(RegisterQuery query, boolean english) {
        RegisterSnapshot snapshot = reads.snapshot();
        RegisterSnapshot.Page page = snapshot.search(query);
        List<Map<String, Object>> results = new ArrayList<>(page.entries().size());
        for (RegisterSnapshot.Entry entry : page.entries()) {
            // parsed per search: a caller gets maps of its own, and the snapshot keeps only the (deflated) bytes
            Map<String, Object> fields = parse(snapshot.fields(entry));
            byte[] englishFields = english ? snapshot.englishFields(entry) : null;
            results.add(englishFields != null ? EnglishTexts.overlay(fields, parse(englishFields)) : fields);
        }
        return new SearchResult(results, page.total(), page.facets());
    }

    /**
     * The same search as the national register's API answers it, as the bytes of its JSON
     * ({@code {"results":[...],"total_count":n,"filter_data":{...}}}): an entry's fields are sent as they are kept (UTF-8
     * JSON the application wrote when it published them), not parsed into maps and written again, and the filter counts
     * as written once per question ({@link FilterCounts}); parsing and writing was most of an API search's time. Only an
     * entry with English texts is parsed, to lay them over the Dutch.
     */
    byte[] searchAsJson(RegisterQuery query, boolean english) {
        RegisterSnapshot snapshot = reads.snapshot();
        RegisterSnapshot.Page page = snapshot.search(query);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(1024 + 4096 * page.entries().size());
        out.writeBytes(RESULTS);
        for (int i = 0; i < page.entries().size(); i++) {
            RegisterSnapshot.Entry entry = page.entries().get(i);
            if (i > 0) {
                out.write(',');
            }
            byte[] englishFields = english ? snapshot.englishFields(entry) : null;
            out.writeBytes(englishFields == null ? snapshot.fields(entry)
                    : write(EnglishTexts.overlay(parse(snapshot.fields(entry)), parse(englishFields))));
        }
        out.writeBytes(("],\"total_count\":" + page.total() + ",\"filter_data\":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(page.counts().json());
        out.write('}');
        return out.toByteArray();
    }

    /** The LARS codes of every entry matching the question, in its order (the fields are not read). */
    List<String> lars(RegisterQuery query) {
        return reads.snapshot().search(query).entries().stream().map(RegisterSnapshot.Entry::lars).toList();
    }

    private static byte[] write(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new IllegalStateException("Published fields that cannot be written as JSON", e);
        }
    }

    private static Map<String, Object> parse(byte[] json) {
        try {
            return JSON.readValue(json, FIELDS);
        } catch (IOException e) {
            throw new IllegalStateException("A published entry holds invalid JSON", e);
        }
    }
}
