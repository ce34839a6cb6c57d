package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.transparant.audit.Verification.Kind;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

    private final List<DecisionRecord> chain = new ArrayList<>(Chains.of(10));
    private final String headHash = chain.get(9).recordHash();

    private static Verification verify(List<DecisionRecord> records, long headSeq, String headHash) {
        ChainVerifier verifier = new ChainVerifier();
        for (DecisionRecord record : records) {
            if (!verifier.accept(record)) {
                break;
            }
        }
        return verifier.result(headSeq, headHash);
    }

    @Test
    void anIntactChainVerifies() {
        Verification result = verify(chain, 10, headHash);
        assertThat(result.intact()).isTrue();
        assertThat(result.recordsChecked()).isEqualTo(10);
        assertThat(result.lastHash()).isEqualTo(headHash);
        assertThat(result.firstProblem()).isNull();
    }

    @Test
    void anEmptyLogVerifies() {
        assertThat(verify(List.of(), 0, CanonicalForm.GENESIS_HASH).intact()).isTrue();
    }

    @Test
    void aRecordChangedInPlaceIsFoundAtItsPosition() {
        chain.set(3, Chains.replaced(chain.get(3), "{\"outcome\":\"reject\"}"));
        Verification result = verify(chain, 10, headHash);
        assertThat(result.intact()).isFalse();
        assertThat(result.firstProblem().seq()).isEqualTo(4);
        assertThat(result.firstProblem().kind()).isEqualTo(Kind.CONTENT_CHANGED);
        assertThat(result.recordsChecked()).isEqualTo(3);
    }

    @Test
    void aDeletedRecordIsNamed() {
        chain.remove(4);
        Verification result = verify(chain, 10, headHash);
        assertThat(result.firstProblem().seq()).isEqualTo(5);
        assertThat(result.firstProblem().kind()).isEqualTo(Kind.MISSING);
        assertThat(result.firstProblem().detail()).contains("Record 5 is missing");
    }

    @Test
    void twoSwappedRecordsAreFoundAtTheFirstOfThem() {
        // swapped as a database would show it: the rows keep their positions, their contents change places
        DecisionRecord third = chain.get(2);
        DecisionRecord fourth = chain.get(3);
        chain.set(2, Chains.renumbered(fourth, 3));
        chain.set(3, Chains.renumbered(third, 4));
        Verification result = verify(chain, 10, headHash);
        assertThat(result.firstProblem().seq()).isEqualTo(3);
        assertThat(result.firstProblem().kind()).isEqualTo(Kind.CONTENT_CHANGED);
    }

    @Test
    void swappedRecordsKeepingTheirOwnNumbersBreakTheSequence() {
        Collections.swap(chain, 2, 3);
        Verification result = verify(chain, 10, headHash);
        assertThat(result.firstProblem().seq()).isEqualTo(3);
        assertThat(result.firstProblem().kind()).isEqualTo(Kind.MISSING);
    }

    @Test
    void aRecordReplacedByAWellHashedForgeryBreaksTheLink() {
        DecisionRecord original = chain.get(5);
        DecisionRecord forged = Chains.canonical(6, original.recordedAt(), "f".repeat(64));
        chain.set(5, forged.withHash(new CanonicalForm().hash(forged)));
        Verification result = verify(chain, 10, headHash);
        assertThat(result.firstProblem().seq()).isEqualTo(6);
        assertThat(result.firstProblem().kind()).isEqualTo(Kind.LINK_BROKEN);
    }

    @Test
    void recordsDeletedFromTheEndAreFoundThroughTheHead() {
        Verification result = verify(chain.subList(0, 8), 10, headHash);
        assertThat(result.firstProblem().seq()).isEqualTo(9);
        assertThat(result.firstProblem().kind()).isEqualTo(Kind.TRUNCATED);
    }

    @Test
    void aHeadThatNamesAnotherRecordIsReported() {
        Verification result = verify(chain, 10, "e".repeat(64));
        assertThat(result.firstProblem().kind()).isEqualTo(Kind.HEAD_MISMATCH);
    }
}
