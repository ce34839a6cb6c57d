package nl.transparant.audit;

/**
 * The outcome of walking the chain: how far it was checked and, when it does not hold, the first place where it
 * breaks. Later problems are not looked for: everything after a break is untrusted anyway.
 */
record Verification(boolean intact, long recordsChecked, long lastSeq, String lastHash, Problem firstProblem, long checkpointsChecked) {

    Verification(boolean intact, long recordsChecked, long lastSeq, String lastHash, Problem firstProblem) {
        this(intact, recordsChecked, lastSeq, lastHash, firstProblem, 0);
    }

    enum Kind {
        /** The record's columns no longer produce its stored hash: changed in place, or moved from another position. */
        CONTENT_CHANGED,
        /** The record is intact but does not point at the record before it: a record was replaced or reordered. */
        LINK_BROKEN,
        /** A sequence number is missing: a record was deleted. */
        MISSING,
        /** The chain ends before the recorded head: records were deleted from the end. */
        TRUNCATED,
        /** The last record is not the one the recorded head names, or records lie beyond the head. */
        HEAD_MISMATCH,
        /** The chain differs from a signed checkpoint: rewritten (and perhaps re-hashed) after the checkpoint was signed. */
        CHECKPOINT_CONTRADICTED,
        /** A checkpoint's signature does not verify with the public key: forged or changed. */
        CHECKPOINT_SIGNATURE_INVALID
    }

    record Problem(long seq, Kind kind, String detail) {
    }
}
