package nl.transparant.cases;

import java.util.Optional;

/**
 * Where a case's entry stands in the public register, for the case's own API: implemented by the register module (the
 * case module does not know the register), so the staff API can name the Algoritme-ID and the public address.
 */
public interface PublishedEntryLookup {

    /** @param version the latest published version */
    /** @param publishedAt when this version was published: the last time the entry as a whole was reviewed, or later */
    record PublishedEntryRef(String lars, int version, java.time.Instant publishedAt) {
    }

    /** The latest published version of the case's entry; empty for a case never published. */
    Optional<PublishedEntryRef> latest(String caseId);
}
