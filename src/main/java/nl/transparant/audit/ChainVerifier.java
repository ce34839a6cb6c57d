package nl.transparant.audit;

import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import nl.transparant.audit.Verification.Kind;
import nl.transparant.audit.Verification.Problem;

/**
 * Walks the decision log in sequence order, one record at a time (so a chain of millions needs no memory), and
 * stops at the first broken or missing link. Feed it with {@link #accept} until it returns false or the records
 * run out, then ask {@link #result} with the chain head the database recorded.
 *
 * <p>{@link #against} also holds the chain to signed checkpoints: a chain rewritten and re-hashed by someone with
 * write access to the database is intact in itself, but the record a checkpoint names no longer has the signed hash.
 */
final class ChainVerifier {

    private final CanonicalForm canonical = new CanonicalForm();
    /** Checkpoints still ahead, by sequence number; their signatures were checked before the walk. */
    private final Deque<Checkpoint> checkpoints = new ArrayDeque<>();
    private long checkpointsChecked;
    private long expectedSeq = 1;
    private String previousHash = CanonicalForm.GENESIS_HASH;
    private long checked;
    private Problem problem;

    ChainVerifier() {
    }

    /**
     * A verifier that also checks each checkpoint: its signature with {@code publicKey} first (an unsigned or
     * wrongly signed one is reported as such), then, on the walk, that the record it names has the hash it signed.
     */
    static ChainVerifier against(List<Checkpoint> checkpoints, PublicKey publicKey) {
        ChainVerifier verifier = new ChainVerifier();
        for (Checkpoint checkpoint : checkpoints.stream().sorted(Comparator.comparingLong(Checkpoint::logSeq)).toList()) {
            if (!CheckpointKey.signedBy(checkpoint, publicKey)) {
                verifier.problem = new Problem(checkpoint.logSeq(), Kind.CHECKPOINT_SIGNATURE_INVALID, "Checkpoint "
                        + checkpoint.number() + " (record " + checkpoint.logSeq() + ") does not carry a valid signature of key "
                        + CheckpointKey.keyId(publicKey) + ": it was not signed by the holder of that key, or changed since.");
                return verifier;
            }
            verifier.checkpoints.addLast(checkpoint);
        }
        return verifier;
    }

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
        Checkpoint due = checkpoints.peekFirst();
        if (due != null && due.logSeq() == record.seq()) {
            checkpoints.pollFirst();
            if (!due.logHash().equals(record.recordHash())) {
                problem = new Problem(record.seq(), Kind.CHECKPOINT_CONTRADICTED, "Checkpoint " + due.number() + ", signed "
                        + CanonicalForm.format(due.signedAt()) + ", names hash " + due.logHash() + " for record " + record.seq()
                        + "; the log now has " + record.recordHash() + ": records up to " + record.seq()
                        + " were rewritten after the checkpoint was signed.");
                return false;
            }
            checkpointsChecked++;
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
        if (problem == null && !checkpoints.isEmpty()) {
            Checkpoint beyond = checkpoints.peekFirst();
            problem = new Problem(beyond.logSeq(), Kind.CHECKPOINT_CONTRADICTED, "Checkpoint " + beyond.number() + " names record "
                    + beyond.logSeq() + ", which the log no longer holds: records were removed after the checkpoint was signed.");
        }
        if (problem == null && !previousHash.equals(headHash)) {
            problem = new Problem(headSeq, Kind.HEAD_MISMATCH, "Record " + headSeq + " is not the record the head of the log names.");
        }
        return new Verification(problem == null, checked, checked, checked == 0 ? CanonicalForm.GENESIS_HASH : previousHash, problem,
                checkpointsChecked);
    }
}
