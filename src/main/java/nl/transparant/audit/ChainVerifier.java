package nl.transparant.audit;

import nl.transparant.audit.Verification.Kind;
import nl.transparant.audit.Verification.Problem;

/**
 * Walks the decision log in sequence order, one record at a time (so a chain of millions needs no memory), and
 * stops at the first broken or missing link. Feed it with {@link #accept} until it returns false or the records
 * run out, then ask {@link #result} with the chain head the database recorded.
 */
final class ChainVerifier {

    private final CanonicalForm canonical = new CanonicalForm();
    private long expectedSeq = 1;
    private String previousHash = CanonicalForm.GENESIS_HASH;
    private long checked;
    private Problem problem;

    /** Checks the next record; false once the chain is broken (further records are then ignored). */
    boolean accept(DecisionRecord record) {
        if (problem != null) {
            return false;
        }
        if (record.seq() != expectedSeq) {
            problem = record.seq() > expectedSeq
                    ? new Problem(expectedSeq, Kind.MISSING, record.seq() - expectedSeq == 1
                            ? "Record " + expectedSeq + " is missing: record " + record.seq() + " follows record " + (expectedSeq - 1) + "."
                            : "Records " + expectedSeq + " to " + (record.seq() - 1) + " are missing.")
                    : new Problem(record.seq(), Kind.LINK_BROKEN, "Record " + record.seq() + " appears out of sequence order.");
            return false;
        }
        if (!canonical.hash(record).equals(record.recordHash())) {
            problem = new Problem(record.seq(), Kind.CONTENT_CHANGED, "Record " + record.seq()
                    + " does not match its hash: it was changed after it was written, or moved here from another position.");
            return false;
        }
        if (!previousHash.equals(record.previousHash())) {
            problem = new Problem(record.seq(), Kind.LINK_BROKEN, "Record " + record.seq() + " does not follow record "
                    + (record.seq() - 1) + ": its previous hash names another record.");
            return false;
        }
        previousHash = record.recordHash();
        expectedSeq++;
        checked++;
        return true;
    }

    /** The verdict, given the head (last sequence number and hash) that the database recorded with the last append. */
    Verification result(long headSeq, String headHash) {
        if (problem == null && checked < headSeq) {
            problem = new Problem(checked + 1, Kind.TRUNCATED, checked == headSeq - 1
                    ? "Record " + headSeq + ", the last one appended, is missing."
                    : "Records " + (checked + 1) + " to " + headSeq + " are missing from the end of the log.");
        }
        if (problem == null && checked > headSeq) {
            problem = new Problem(headSeq + 1, Kind.HEAD_MISMATCH, "Record " + (headSeq + 1)
                    + " lies beyond the recorded end of the log: it was not appended by the application.");
        }
        if (problem == null && !previousHash.equals(headHash)) {
            problem = new Problem(headSeq, Kind.HEAD_MISMATCH, "Record " + headSeq + " is not the record the head of the log names.");
        }
        return new Verification(problem == null, checked, checked, checked == 0 ? CanonicalForm.GENESIS_HASH : previousHash, problem);
    }
}
