package nl.transparant.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One outcome a person gave on a case, with their rationale: the remarks an owner reads after a send-back. */
@Entity
@Table(name = "case_decision")
public class CaseDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false, updatable = false)
    private String caseId;

    @Column(name = "activity_id", nullable = false, updatable = false)
    private String activityId;

    @Column(name = "activity_name", nullable = false, updatable = false)
    private String activityName;

    @Column(nullable = false, updatable = false)
    private String outcome;

    @Column(nullable = false, updatable = false)
    private String rationale;

    @Column(name = "decided_by", nullable = false, updatable = false)
    private String decidedBy;

    @Column(name = "decided_role", nullable = false, updatable = false)
    private String decidedRole;

    @Column(name = "decided_at", nullable = false, updatable = false)
    private Instant decidedAt;

    protected CaseDecision() {
    }

    CaseDecision(String caseId, String activityId, String activityName, String outcome, String rationale, String decidedBy,
            String decidedRole) {
        this.caseId = caseId;
        this.activityId = activityId;
        this.activityName = activityName;
        this.outcome = outcome;
        this.rationale = rationale == null ? "" : rationale;
        this.decidedBy = decidedBy;
        this.decidedRole = decidedRole;
        this.decidedAt = Instant.now();
    }

    public String getActivityId() {
        return activityId;
    }

    public String getActivityName() {
        return activityName;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getRationale() {
        return rationale;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public String getDecidedRole() {
        return decidedRole;
    }

    public Instant getDecidedAt() {
        return decidedAt;
    }
}
