package nl.transparant.register;

import java.util.Arrays;
import java.util.Optional;

/**
 * A question to the public register: words to find, filters, an order and a page. Filters are exact values as
 * the register publishes them (Dutch permitted values, organisation name or code); empty means "any".
 */
public record RegisterQuery(String searchText, String organisation, String organisationType, String theme, String status,
        String publicationCategory, String impactAssessment, Sort sort, int page, int limit) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 100;

    public RegisterQuery {
        searchText = blankToNull(searchText);
        organisation = blankToNull(organisation);
        organisationType = blankToNull(organisationType);
        theme = blankToNull(theme);
        status = blankToNull(status);
        publicationCategory = blankToNull(publicationCategory);
        impactAssessment = blankToNull(impactAssessment);
        if (sort == null) {
            sort = searchText == null ? Sort.NAME_ASC : Sort.RELEVANCE;
        }
    }

    public static RegisterQuery all() {
        return new RegisterQuery(null, null, null, null, null, null, null, Sort.NAME_ASC, 1, MAX_LIMIT);
    }

    public RegisterQuery withPage(int newPage, int newLimit) {
        return new RegisterQuery(searchText, organisation, organisationType, theme, status, publicationCategory, impactAssessment,
                sort, newPage, newLimit);
    }

    public boolean filtered() {
        return searchText != null || organisation != null || organisationType != null || theme != null || status != null
                || publicationCategory != null || impactAssessment != null;
    }

    /** The orders the register offers; {@code key} is how the API and the page address name them. */
    public enum Sort {
        RELEVANCE("relevance"),
        NAME_ASC("name_asc"),
        NAME_DESC("name_desc"),
        NEWEST("publication_dt_desc"),
        OLDEST("publication_dt_asc");

        private final String key;

        Sort(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        public static Optional<Sort> byKey(String key) {
            return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
