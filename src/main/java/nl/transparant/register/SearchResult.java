package nl.transparant.register;

import java.util.List;
import java.util.Map;

/**
 * One page of matching entries (their latest published fields, keyed as the standard's API keys), how many match
 * in all, and per filter the values among the matches with their counts.
 */
public record SearchResult(List<Map<String, Object>> results, int totalCount,
        Map<String, List<FacetValue>> filterData) {
}
