package nl.transparant.cases;

import java.util.List;
import java.util.Map;

/**
 * A case's entry was released for the public register. Carries the register fields as reviewed plus
 * what the review decided about them (publication category, assessments performed).
 */
public record CasePublished(String caseId, String organisationCode, Map<String, Object> registerFields, String publishedBy,
        String publicationCategory, List<String> assessmentsPerformed) {
}
