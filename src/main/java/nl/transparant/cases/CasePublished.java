package nl.transparant.cases;

import java.util.List;
import java.util.Map;

/**
 * A case's entry was released for the public register. Carries the register fields as reviewed plus
 * what the review decided about them (publication category, assessments performed), and the owner's English version of
 * the texts, if any.
 */
public record CasePublished(String caseId, String organisationCode, Map<String, Object> registerFields, String publishedBy,
        String publicationCategory, List<String> assessmentsPerformed, Map<String, Object> englishFields) {

    public CasePublished {
        englishFields = englishFields == null ? Map.of() : englishFields;
    }

    /** Without English texts: the entry is published in Dutch only. */
    public CasePublished(String caseId, String organisationCode, Map<String, Object> registerFields, String publishedBy,
            String publicationCategory, List<String> assessmentsPerformed) {
        this(caseId, organisationCode, registerFields, publishedBy, publicationCategory, assessmentsPerformed, Map.of());
    }
}
