package nl.transparant.organisations;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.Set;
import java.util.TreeSet;
import org.hibernate.annotations.BatchSize;

/**
 * A municipality, province, shared service organisation or other government body. Its code names it everywhere in this
 * application (cases, entries, the engine's tenant, the decision log) and never changes; Keycloak names it by code or
 * national id ({@link ClaimMatching}).
 */
@Entity
@Table(name = "organisation")
public class Organisation {

    @Id
    private String code;

    @Column(nullable = false)
    private String name;

    @Column(name = "organisation_type", nullable = false)
    private String organisationType;

    @Column(name = "national_id")
    private String nationalId;

    @Column(name = "tooi_uri")
    private String tooiUri;

    private String kvk;

    @Column(name = "part_of")
    private String partOf;

    private boolean active = true;

    /** Read only where an organisation is shown whole (the administrator's pages and API), so lists stay one query. */
    @ElementCollection
    @BatchSize(size = 100)
    @CollectionTable(name = "organisation_serves", joinColumns = @JoinColumn(name = "organisation_code"))
    @Column(name = "served_code")
    private Set<String> serves = new TreeSet<>();

    protected Organisation() {
    }

    Organisation(String code) {
        this.code = code;
    }

    /** Everything but the code, which never changes. */
    void apply(OrganisationData data) {
        this.name = data.name();
        this.organisationType = data.type();
        this.nationalId = data.nationalId();
        this.tooiUri = data.tooiUri();
        this.kvk = data.kvk();
        this.partOf = data.partOf();
        this.active = data.active() == null || data.active();
        this.serves.clear();
        if (data.serves() != null) {
            this.serves.addAll(data.serves());
        }
    }

    OrganisationData data() {
        return new OrganisationData(code, name, nationalId, organisationType, tooiUri, kvk, partOf, active, serves.stream().sorted().toList());
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getOrganisationType() {
        return organisationType;
    }

    public String getNationalId() {
        return nationalId;
    }

    public String getTooiUri() {
        return tooiUri;
    }

    public String getKvk() {
        return kvk;
    }

    public String getPartOf() {
        return partOf;
    }

    public boolean isActive() {
        return active;
    }

    public Set<String> getServes() {
        return java.util.Collections.unmodifiableSet(serves);
    }
}
