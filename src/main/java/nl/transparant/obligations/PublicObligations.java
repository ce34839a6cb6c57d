package nl.transparant.obligations;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * For the public register entry of an organisation that opted in ({@code public_requirements_met} of
 * {@code policies/obligations.yaml}): the requirements its owner declared met, with their legal source. Only names,
 * URNs and links of the catalogue: none of the evidence, which stays with the case.
 */
@Component("publicObligations")
public class PublicObligations {

    private final Obligations obligations;
    private final ObligationsCatalogue catalogue;

    PublicObligations(Obligations obligations, ObligationsCatalogue catalogue) {
        this.obligations = obligations;
        this.catalogue = catalogue;
    }

    public record DeclaredRequirement(String urn, String name, String url) {
    }

    @Transactional(readOnly = true)
    public List<DeclaredRequirement> declaredMet(String caseId, String organisationCode) {
        if (caseId == null || !catalogue.current().release().publicOrganisations().contains(organisationCode)) {
            return List.of();
        }
        return obligations.checklistFor(caseId).requirements().stream().filter(Obligations.RequirementView::met)
                .map(r -> new DeclaredRequirement(r.requirement().urn(), r.requirement().name(), r.requirement().url())).toList();
    }
}
