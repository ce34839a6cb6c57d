package nl.transparant.register.problemreports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import nl.transparant.register.PublishedEntry;

/**
 * A problem the public reported about a register entry. Holds the message and, only if the reporter chose to give
 * one, a reply address: no name, no IP address, nothing else about the person.
 */
@Entity
@Table(name = "problem_report")
public class ProblemReport {

    public enum Status { UNDER_REVIEW, HANDLED }

    @Id
    private String id;

    @Column(nullable = false)
    private String lars;

    @Column(name = "version_number", nullable = false)
    private int versionNumber;

    @Column(name = "case_id", nullable = false)
    private String caseId;

    @Column(name = "organisation_code", nullable = false)
    private String organisationCode;

    @Column(nullable = false)
    private String message;

    @Column(name = "reply_address")
    private String replyAddress;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "handled_at")
    private Instant handledAt;

    @Column(name = "handled_by")
    private String handledBy;

    protected ProblemReport() {
    }

    ProblemReport(String id, PublishedEntry entry, String message, String replyAddress, Instant receivedAt) {
        this.id = id;
        this.lars = entry.getLars();
        this.versionNumber = entry.getVersionNumber();
        this.caseId = entry.getCaseId();
        this.organisationCode = entry.getOrganisationCode();
        this.message = message;
        this.replyAddress = replyAddress;
        this.status = Status.UNDER_REVIEW;
        this.receivedAt = receivedAt;
    }

    void handled(String by, Instant at) {
        this.status = Status.HANDLED;
        this.handledBy = by;
        this.handledAt = at;
    }

    public String getId() {
        return id;
    }

    public String getLars() {
        return lars;
    }

    public int getVersionNumber() {
        return versionNumber;
    }

    public String getCaseId() {
        return caseId;
    }

    public String getOrganisationCode() {
        return organisationCode;
    }

    public String getMessage() {
        return message;
    }

    public String getReplyAddress() {
        return replyAddress;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public Instant getHandledAt() {
        return handledAt;
    }

    public String getHandledBy() {
        return handledBy;
    }
}
