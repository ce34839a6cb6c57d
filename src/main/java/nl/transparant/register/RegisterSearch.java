package nl.transparant.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Full-text search, filters, order and paging over {@code register_listing}, in SQL that MariaDB and H2 (MariaDB
 * mode) both run: every search word must occur in the folded text (LIKE), multi-valued facts are matched as
 * '|value|'. Two statements per question: the facts of every match (for the total and the filter counts) and one
 * page of published fields.
 */
@Component
class RegisterSearch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;

    RegisterSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Facts(String organisation, String organisationType, String category, String status, String themes, String assessments) {
    }

    SearchResult search(RegisterQuery query) {
        return search(query, false);
    }

    /** @param english each entry as the English register serves it ({@link EnglishTexts}) */
    SearchResult search(RegisterQuery query, boolean english) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        String where = where(query, parameters);
        List<Facts> matches = jdbc.query("select l.organisation_name, l.organisation_type, l.publication_category, l.status, "
                + "l.themes, l.impact_assessments from register_listing l" + where, parameters,
                (rs, i) -> new Facts(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
        List<Map<String, Object>> page = List.of();
        if (!matches.isEmpty() && (query.page() - 1L) * query.limit() < matches.size()) {
            parameters.addValue("limit", query.limit()).addValue("offset", (query.page() - 1) * query.limit());
            page = jdbc.query("select e.fields, e.english_fields from register_listing l join published_entry e on e.id = l.entry_id"
                    + where + order(query, parameters) + " limit :limit offset :offset", parameters,
                    (rs, i) -> english && rs.getString(2) != null ? EnglishTexts.overlay(parse(rs.getString(1)), parse(rs.getString(2)))
                            : parse(rs.getString(1)));
        }
        return new SearchResult(page, matches.size(), facets(matches));
    }

    private static String where(RegisterQuery query, MapSqlParameterSource parameters) {
        List<String> conditions = new ArrayList<>();
        if (query.organisation() != null) {
            conditions.add("(l.organisation_name = :organisation or l.organisation_code = :organisation)");
            parameters.addValue("organisation", query.organisation());
        }
        equal(conditions, parameters, "l.organisation_type", "organisationType", query.organisationType());
        equal(conditions, parameters, "l.status", "status", query.status());
        equal(conditions, parameters, "l.publication_category", "category", query.publicationCategory());
        oneOf(conditions, parameters, "l.themes", "theme", query.theme());
        oneOf(conditions, parameters, "l.impact_assessments", "assessment", query.impactAssessment());
        List<String> terms = SearchText.terms(query.searchText());
        for (int i = 0; i < terms.size(); i++) {
            conditions.add("l.search_text like :term" + i + " escape '!'");
            parameters.addValue("term" + i, SearchText.containing(terms.get(i)));
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static void equal(List<String> conditions, MapSqlParameterSource parameters, String column, String name, String value) {
        if (value != null) {
            conditions.add(column + " = :" + name);
            parameters.addValue(name, value);
        }
    }

    private static void oneOf(List<String> conditions, MapSqlParameterSource parameters, String column, String name, String value) {
        if (value != null) {
            conditions.add(column + " like :" + name + " escape '!'");
            parameters.addValue(name, "%|" + SearchText.escape(value) + "|%");
        }
    }

    /** Relevance: entries whose name holds more of the words first; the name (then the id) breaks every tie. */
    private static String order(RegisterQuery query, MapSqlParameterSource parameters) {
        String byName = "l.sort_name asc, l.lars asc";
        return " order by " + switch (query.sort()) {
            case NAME_ASC -> byName;
            case NAME_DESC -> "l.sort_name desc, l.lars desc";
            case NEWEST -> "l.published_at desc, " + byName;
            case OLDEST -> "l.published_at asc, " + byName;
            case RELEVANCE -> {
                List<String> terms = SearchText.terms(query.searchText());
                if (terms.isEmpty()) {
                    yield byName;
                }
                List<String> misses = new ArrayList<>();
                for (int i = 0; i < terms.size(); i++) {
                    misses.add("case when l.sort_name like :term" + i + " escape '!' then 0 else 1 end");
                }
                yield "(" + String.join(" + ", misses) + ") asc, " + byName;
            }
        };
    }

    private static Map<String, List<FacetValue>> facets(List<Facts> matches) {
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        facets.put("organisation", count(matches, f -> List.of(f.organisation())));
        facets.put("organisationtype", count(matches, f -> List.of(f.organisationType())));
        facets.put("publicationcategory", count(matches, f -> List.of(f.category())));
        facets.put("status", count(matches, f -> List.of(f.status())));
        facets.put("category", count(matches, f -> RegisterListing.undelimited(f.themes())));
        facets.put("impact_assessment", count(matches, f -> RegisterListing.undelimited(f.assessments())));
        return facets;
    }

    private static List<FacetValue> count(List<Facts> matches, Function<Facts, List<String>> values) {
        Map<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Facts facts : matches) {
            for (String value : values.apply(facts)) {
                if (value != null && !value.isBlank()) {
                    counts.merge(value, 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream().map(e -> new FacetValue(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(FacetValue::value, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A published entry holds invalid JSON", e);
        }
    }
}
