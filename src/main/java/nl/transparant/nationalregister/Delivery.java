package nl.transparant.nationalregister;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row of the connector's outbox: a version to deliver to the national register, or an entry to retract there. */
@Entity
@Table(name = "national_register_delivery")
public class Delivery {

    /** DELIVER: create (or update) the entry there, then publish it. RETRACT: take it out of the national register. */
    public enum Operation { DELIVER, RETRACT }

    /**
     * PENDING: waiting for its (next) attempt. DELIVERED: done. REFUSED: the payload breaks the standard, so sending it
     * again cannot help; a new version is needed. A failed attempt leaves the row PENDING with its error and a later time.
     */
    public enum Status { PENDING, DELIVERED, REFUSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String lars;

    @Column(name = "version_number", nullable = false)
    private int versionNumber;

    @Column(name = "organisation_code", nullable = false)
    private String organisationCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Operation operation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "national_id")
    private String nationalId;

    @Column(name = "queued_at", nullable = false)
    private Instant queuedAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    /** The node working on this row, until {@code claimedUntil}; see {@link Deliveries#claim}. */
    @Column(name = "claimed_by")
    private String claimedBy;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    protected Delivery() {
    }

    Delivery(String lars, int versionNumber, String organisationCode, Operation operation, Instant now) {
        this.lars = lars;
        this.versionNumber = versionNumber;
        this.organisationCode = organisationCode;
        this.operation = operation;
        this.status = Status.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.queuedAt = now;
    }

    void delivered(String nationalId, Instant now) {
        this.nationalId = nationalId;
        this.status = Status.DELIVERED;
        this.attempts++;
        this.deliveredAt = now;
        this.lastError = null;
        released();
    }

    /** @param nationalId the id the entry got there, if a create went through before a later call failed */
    void failed(String error, Instant nextAttempt, String nationalId) {
        this.attempts++;
        this.nationalId = nationalId;
        this.lastError = shorten(error);
        this.nextAttemptAt = nextAttempt;
        released();
    }

    void refused(String reason) {
        this.attempts++;
        this.status = Status.REFUSED;
        this.lastError = shorten(reason);
        released();
    }

    private void released() {
        this.claimedBy = null;
        this.claimedUntil = null;
    }

    /** A person asked for the next attempt now instead of waiting for the back-off. */
    void retryNow(Instant now) {
        if (status == Status.PENDING) {
            nextAttemptAt = now;
        }
    }

    private static String shorten(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    public Long getId() {
        return id;
    }

    public String getLars() {
        return lars;
    }

    public int getVersionNumber() {
        return versionNumber;
    }

    public String getOrganisationCode() {
        return organisationCode;
    }

    public Operation getOperation() {
        return operation;
    }

    public Status getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public String getNationalId() {
        return nationalId;
    }

    public Instant getQueuedAt() {
        return queuedAt;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }
}
