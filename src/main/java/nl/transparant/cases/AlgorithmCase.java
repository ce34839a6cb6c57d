package nl.transparant.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A proposed algorithm or AI use case of one organisation, from draft to publication. An update writes only what
 * changed: a stage moves five times a review cycle, and each update wrote the register texts (JSON) again with it.
 */
@Entity
@Table(name = "algorithm_case")
@org.hibernate.annotations.DynamicUpdate
public class AlgorithmCase {

    @Id
    private String id;

    @Column(name = "organisation_code", nullable = false, updatable = false)
    private String organisationCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CaseStage stage;

    // Replaced, never changed in place: Hibernate then keeps no deep copy to compare at each flush (a copy of a
    // converted map is a JSON round trip, at every load and every flush; issue 14). A change in place would not be saved.
    @Convert(converter = JsonMapConverter.class)
    @org.hibernate.annotations.Mutability(org.hibernate.type.descriptor.java.Immutability.class)
    @Column(name = "register_fields", nullable = false)
    private Map<String, Object> registerFields = new LinkedHashMap<>();

    /** The optional English version of the register texts; absent ones are published in Dutch only. */
    @Convert(converter = JsonMapConverter.class)
    @org.hibernate.annotations.Mutability(org.hibernate.type.descriptor.java.Immutability.class)
    @Column(name = "english_fields")
    private Map<String, Object> englishFields = new LinkedHashMap<>();

    @Column(name = "internal_notes")
    private String internalNotes;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "submitted_by")
    private String submittedBy;

    /** Everyone who wrote the case's texts, comma-separated: their work, which the four-eyes rule keeps them from reviewing. */
    @Column(name = "authors")
    private String authors;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    @Column(name = "closing_reason")
    private String closingReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /**
     * Who saved the Dutch or English texts last (null for cases saved before this was kept): named to a colleague whose
     * form went out of date meanwhile.
     */
    @Column(name = "texts_changed_by")
    private String textsChangedBy;

    /** The case's version the texts were last saved in (null for cases saved before this was kept). */
    @Column(name = "texts_version")
    private Long textsVersion;

    @Column(name = "published_versions", nullable = false)
    private int publishedVersions;

    /**
     * Null until the case is first stored: Spring Data then sees a new case and has it inserted, where with a version
     * of 0 it took the assigned id for an existing row and read the table for it first (a select per created case).
     */
    @Version
    private Long version;

    protected AlgorithmCase() {
    }

    AlgorithmCase(String organisationCode, String createdBy, Map<String, Object> registerFields, String internalNotes) {
        this.id = UUID.randomUUID().toString();
        this.organisationCode = organisationCode;
        this.createdBy = createdBy;
        this.authors = createdBy;
        this.stage = CaseStage.DRAFT;
        this.registerFields = new LinkedHashMap<>(registerFields);
        this.internalNotes = internalNotes;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
        this.textsChangedBy = createdBy;
        this.textsVersion = 0L;
    }

    /** Adds a person who wrote (some of) the case's texts. */
    void writtenBy(String person) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(getAuthors());
        if (all.add(person)) {
            this.authors = String.join(",", all);
        }
    }

    public java.util.List<String> getAuthors() {
        return authors == null || authors.isBlank() ? java.util.List.of(createdBy) : java.util.List.of(authors.split(","));
    }

    void edit(Map<String, Object> registerFields, String internalNotes, String by) {
        this.registerFields = new LinkedHashMap<>(registerFields);
        this.internalNotes = internalNotes;
        this.textsChangedBy = by;
        this.textsVersion = nextVersion();
        this.updatedAt = Instant.now();
    }

    void editEnglish(Map<String, Object> englishFields, String by) {
        this.englishFields = new LinkedHashMap<>(englishFields);
        this.textsChangedBy = by;
        this.textsVersion = nextVersion();
        this.updatedAt = Instant.now();
    }

    void submitted(String submittedBy, String processInstanceId) {
        this.submittedBy = submittedBy;
        this.processInstanceId = processInstanceId;
        this.updatedAt = Instant.now();
    }

    void moveTo(CaseStage stage, String closingReason) {
        // A change the review turned down leaves the published entry as it was: the case stays published.
        boolean changeTurnedDown = publishedVersions > 0 && (stage == CaseStage.REJECTED || stage == CaseStage.STOPPED);
        this.stage = changeTurnedDown ? CaseStage.PUBLISHED : stage;
        if (closingReason != null) {
            this.closingReason = closingReason;
        }
        this.updatedAt = Instant.now();
    }

    /** The owner starts a change of the published entry: the fields are theirs to edit again. Called by {@code livingentry}. */
    public void startChange() {
        this.stage = CaseStage.CHANGE;
        this.closingReason = null;
        this.updatedAt = Instant.now();
    }

    /** The register published a version of this case's entry. */
    void published() {
        this.publishedVersions++;
        this.updatedAt = Instant.now();
    }

    /** The retirement was approved: the case's fields say what the register's new version says. Called by {@code livingentry}. */
    public void retired(String status, String endDate) {
        Map<String, Object> fields = new LinkedHashMap<>(registerFields);
        fields.put("status", status);
        fields.put("end_date", endDate);
        this.registerFields = fields;
        published();
    }

    public String getId() {
        return id;
    }

    public String getOrganisationCode() {
        return organisationCode;
    }

    public CaseStage getStage() {
        return stage;
    }

    public Map<String, Object> getRegisterFields() {
        return java.util.Collections.unmodifiableMap(registerFields);
    }

    public Map<String, Object> getEnglishFields() {
        return englishFields == null ? Map.of() : java.util.Collections.unmodifiableMap(englishFields);
    }

    public String getName() {
        Object name = registerFields.get("name");
        return name == null ? "" : name.toString();
    }

    public String getInternalNotes() {
        return internalNotes;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public String getClosingReason() {
        return closingReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** The version this change is written as: the stored one plus one (an edit is made on the version it names). */
    private long nextVersion() {
        return version == null ? 0 : version + 1;
    }

    /**
     * Whether the texts were saved after the case had version {@code opened}; true when not known (a case saved before
     * this was kept), so an old case is not told that only something else moved on.
     */
    public boolean textsChangedSince(long opened) {
        return textsVersion == null || textsVersion > opened;
    }

    /** Who saved the texts last; empty for a case saved before this was kept. */
    public java.util.Optional<String> getTextsChangedBy() {
        return java.util.Optional.ofNullable(textsChangedBy);
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** How many versions of this case's entry the register published; 0 until the first release. */
    public int getPublishedVersions() {
        return publishedVersions;
    }

    /** A published entry lives on: changes and retirement go through their own review, and the last version stays public. */
    public boolean isPublishedEntry() {
        return publishedVersions > 0;
    }

    public long getVersion() {
        return version == null ? 0 : version;
    }
}
