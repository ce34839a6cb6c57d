package nl.transparant.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * A question's filter counts ({@code filter_data}: per filter the values among the matches with their counts), and
 * the same as JSON, written the first time the API sends them: a register's organisation filter alone has hundreds of
 * values, and the counts of a question are the same for each of its pages and each time it is asked again on the same
 * snapshot.
 */
final class FilterCounts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<FacetValue>> values;
    private volatile byte[] json;

    FilterCounts(Map<String, List<FacetValue>> values) {
        this.values = values;
    }

    Map<String, List<FacetValue>> values() {
        return values;
    }

    byte[] json() {
        byte[] written = json;
        if (written == null) {
            try {
                written = JSON.writeValueAsBytes(values);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Filter counts that cannot be written as JSON", e);
            }
            json = written;
        }
        return written;
    }
}
