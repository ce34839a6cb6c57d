package nl.transparant.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Full-text search, filters, order and paging over the register's latest versions. The question is answered from
 * {@link RegisterSnapshot} (the listing of the current generation, in memory and indexed by word), so that neither the
 * matching nor the filter counts scan the database; the database gives only the published fields of the one page
 * asked for, by primary key.
 */
@Component
class RegisterSearch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };
    /** Ids per statement when a page is large (the unpaged list of the whole register). */
    private static final int IDS_PER_QUERY = 1_000;

    private final NamedParameterJdbcTemplate jdbc;
    private final RegisterReads reads;

    RegisterSearch(NamedParameterJdbcTemplate jdbc, RegisterReads reads) {
        this.jdbc = jdbc;
        this.reads = reads;
    }

    SearchResult search(RegisterQuery query) {
        return search(query, false);
    }

    /** @param english each entry as the English register serves it ({@link EnglishTexts}) */
    SearchResult search(RegisterQuery query, boolean english) {
        RegisterSnapshot.Page page = reads.snapshot().search(query);
        return new SearchResult(fields(page.entryIds(), english), page.total(), page.facets());
    }

    /** The published fields of these versions, in this order (versions never change, so any generation's ids are good). */
    private List<Map<String, Object>> fields(List<Long> ids, boolean english) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            jdbc.query("select id, fields, english_fields from published_entry where id in (:ids)",
                    Map.of("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))), rs -> {
                        Map<String, Object> fields = parse(rs.getString(2));
                        String englishFields = rs.getString(3);
                        byId.put(rs.getLong(1), english && englishFields != null ? EnglishTexts.overlay(fields, parse(englishFields)) : fields);
                    });
        }
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A published entry holds invalid JSON", e);
        }
    }
}
