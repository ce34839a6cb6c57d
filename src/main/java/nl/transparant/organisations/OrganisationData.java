package nl.transparant.organisations;

import java.util.List;

/**
 * An organisation as the administrator's API reads and writes it. {@code active} null means true; {@code serves} null
 * means none: the codes of the organisations a shared service organisation works for (information, it grants nothing).
 */
public record OrganisationData(String code, String name, String nationalId, String type, String tooiUri, String kvk,
        String partOf, Boolean active, List<String> serves) {
}
