package nl.transparant.screening;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/** One completed questionnaire of a case: answers, outcome and the policy version, never changed afterwards. */
@Entity
@Immutable
@Table(name = "screening_record")
public class ScreeningRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false)
    private String caseId;

    @Column(nullable = false)
    private String kind;

    @Column(name = "definition_urn", nullable = false)
    private String definitionUrn;

    @Column(name = "definition_version", nullable = false)
    private String definitionVersion;

    @Column(name = "definition_sha256", nullable = false)
    private String definitionSha256;

    @Column(name = "tree_key")
    private String treeKey;

    @Column(name = "tree_sha256")
    private String treeSha256;

    @Column(nullable = false)
    private String answers;

    @Column(nullable = false)
    private String outcome;

    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected ScreeningRecord() {
    }

    ScreeningRecord(String caseId, String kind, String definitionUrn, String definitionVersion, String definitionSha256,
            String treeKey, String treeSha256, String answers, String outcome, String recordedBy) {
        this.caseId = caseId;
        this.kind = kind;
        this.definitionUrn = definitionUrn;
        this.definitionVersion = definitionVersion;
        this.definitionSha256 = definitionSha256;
        this.treeKey = treeKey;
        this.treeSha256 = treeSha256;
        this.answers = answers;
        this.outcome = outcome;
        this.recordedBy = recordedBy;
        this.recordedAt = Instant.now();
    }

    public String getCaseId() {
        return caseId;
    }

    public String getKind() {
        return kind;
    }

    public String getDefinitionUrn() {
        return definitionUrn;
    }

    public String getDefinitionVersion() {
        return definitionVersion;
    }

    public String getDefinitionSha256() {
        return definitionSha256;
    }

    public String getTreeKey() {
        return treeKey;
    }

    public String getTreeSha256() {
        return treeSha256;
    }

    /** The answers as submitted, as JSON. */
    public String getAnswers() {
        return answers;
    }

    /** Levels, fired criteria, scores, outputs and the decision-tree path, as JSON. */
    public String getOutcome() {
        return outcome;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
