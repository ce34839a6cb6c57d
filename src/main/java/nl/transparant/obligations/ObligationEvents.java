package nl.transparant.obligations;

import java.util.List;

/** What the obligations module tells the rest of the application; the decision log listens. */
public final class ObligationEvents {

    private ObligationEvents() {
    }

    /**
     * The owner recorded the state of a measure on a case: its status, evidence and, when a file came with it, the
     * file's name and SHA-256.
     */
    public record MeasureRecorded(String caseId, String organisation, String actor, String measureUrn, String measureVersion,
            String status, String reason, String evidenceText, String evidenceLink, String fileName, String fileSha256) {
    }

    /** The owner saved the EU database registration (AI Act Annex VIII Section C) as prepared for submission. */
    public record EuRegistrationSaved(String caseId, String organisation, String actor, String deployer, String providerEntry,
            String memberState) {
    }

    /** The owner confirmed the registration in the EU database with the number it gave. */
    public record EuRegistrationConfirmed(String caseId, String organisation, String actor, String registrationNumber) {
    }

    /** A reload of the catalogue touched the case: these applicable items are new or have a new version; the owner has a task. */
    public record CatalogueChangeNoticed(String caseId, String organisation, List<String> itemUrns, boolean publishedEntry) {
    }

    /** The owner looked at the changed obligations of the case. */
    public record CatalogueChangeAcknowledged(String caseId, String organisation, String actor, List<String> itemUrns) {
    }

    /** A reload brought new items or new versions into the catalogue (their URNs). */
    public record CatalogueChanged(List<String> changedUrns) {
    }
}
