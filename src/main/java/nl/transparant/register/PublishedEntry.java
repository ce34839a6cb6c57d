package nl.transparant.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.annotations.Immutable;

/** One published version of a register entry. Never changed: a change is a new version. */
@Entity
@Immutable
@Table(name = "published_entry")
public class PublishedEntry {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false)
    private String caseId;

    @Column(nullable = false)
    private String lars;

    @Column(name = "version_number", nullable = false)
    private int versionNumber;

    @Column(name = "organisation_code", nullable = false)
    private String organisationCode;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String fields;

    /** The owner's English texts as published with this version; null when there were none. */
    @Column(name = "english_fields")
    private String englishFields;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @Column(name = "published_by", nullable = false)
    private String publishedBy;

    protected PublishedEntry() {
    }

    PublishedEntry(String caseId, String lars, int versionNumber, String organisationCode, Map<String, Object> fields,
            Instant publishedAt, String publishedBy) {
        this(caseId, lars, versionNumber, organisationCode, fields, Map.of(), publishedAt, publishedBy);
    }

    PublishedEntry(String caseId, String lars, int versionNumber, String organisationCode, Map<String, Object> fields,
            Map<String, Object> englishFields, Instant publishedAt, String publishedBy) {
        this.englishFields = englishFields == null || englishFields.isEmpty() ? null : write(englishFields);
        this.caseId = caseId;
        this.lars = lars;
        this.versionNumber = versionNumber;
        this.organisationCode = organisationCode;
        this.name = String.valueOf(fields.getOrDefault("name", ""));
        this.fields = write(fields);
        this.publishedAt = publishedAt;
        this.publishedBy = publishedBy;
    }

    public Long getId() {
        return id;
    }

    public String getCaseId() {
        return caseId;
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

    public String getName() {
        return name;
    }

    public Map<String, Object> getFields() {
        try {
            return JSON.readValue(fields, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Published entry " + lars + " v" + versionNumber + " holds invalid JSON", e);
        }
    }

    /** The English texts published with this version (empty: Dutch only). */
    public Map<String, Object> getEnglishFields() {
        if (englishFields == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(englishFields, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Published entry " + lars + " v" + versionNumber + " holds invalid JSON", e);
        }
    }

    /** The fields as served in this language: in English, the English texts where there are any. */
    public Map<String, Object> fieldsIn(Locale locale) {
        return EnglishTexts.english(locale) ? EnglishTexts.overlay(getFields(), getEnglishFields()) : getFields();
    }

    /** In this language, the texts shown in Dutch for want of a translation (to be marked lang="nl"). */
    public Set<String> dutchTextsIn(Locale locale) {
        return EnglishTexts.english(locale) ? EnglishTexts.dutchOnly(getFields(), getEnglishFields()) : Set.of();
    }

    /** The fields as stored (JSON), for the search's in-memory listing ({@link RegisterSnapshot}). */
    String fieldsJson() {
        return fields;
    }

    /** The English texts as stored (JSON), or null. */
    String englishFieldsJson() {
        return englishFields;
    }

    public Instant getPublishedAt() {
        return publishedAt;
    }

    public String getPublishedBy() {
        return publishedBy;
    }

    private static String write(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Register fields cannot be written as JSON", e);
        }
    }
}
