package nl.transparant.organisations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A municipality or regional body; its code is the organisation alias carried in the staff token. */
@Entity
@Table(name = "organisation")
public class Organisation {

    @Id
    private String code;

    @Column(nullable = false)
    private String name;

    @Column(name = "organisation_type", nullable = false)
    private String organisationType;

    protected Organisation() {
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
}
