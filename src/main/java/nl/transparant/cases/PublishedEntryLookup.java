package nl.transparant.cases;

import java.util.Optional;

/**
 * Where a case's entry stands in the public register, for the case's own API: implemented by the register module (the
 * case module does not know the register), so the staff API can name the Algoritme-ID and the public address.
 */
public interface PublishedEntryLookup {

    /** @param version the latest published version */
    record PublishedEntryRef(String lars, int version) {
    }

    /** The latest published version of the case's entry; empty for a case never published. */
    Optional<PublishedEntryRef> latest(String caseId);
}
