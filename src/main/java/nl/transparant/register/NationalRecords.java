package nl.transparant.register;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.Wording;
import nl.transparant.standard.RegisterStandard;

/**
 * A row as the national register exports it, made a row of standard 1.0 before it is checked: the register's own keys
 * beside the standard's are read (the owner's national id) or dropped, each with a note for the report, never silently;
 * records of older standards (0.1, 0.4) are mapped where the mapping is unambiguous and refused per field where it is
 * not.
 */
final class NationalRecords {

    /** Keys the national register adds to its exports beside the standard's; none of them is an entry's text. */
    static final Set<String> REGISTER_KEYS = Set.of("language", "owner", "create_dt", "update_dt", "state", "published",
            "released", "archived", "preview_active", "id", "algoritme_id", "org_id", "organisation_id");
    /** The keys that may name the organisation's national id (org_id), in the order they are trusted. */
    private static final List<String> OWNER_KEYS = List.of("org_id", "organisation_id", "owner");
    private static final Pattern NATIONAL_ID = Pattern.compile("[a-z]{2,4}\\d{2,6}");

    /** Older standards' language names; only Dutch has a place in standard 1.0 (lang "nld"). */
    private static final Set<String> DUTCH = Set.of("nld", "nederlands", "dutch", "nl");
    private static final Set<String> OTHER_LANGUAGES = Set.of("eng", "engels", "english", "en", "fry", "fries", "frysk");
    /** Older standards' status values with one meaning in 1.0; anything else is left for the check to refuse. */
    private static final Map<String, String> STATUS = Map.of(
            "actief", "In gebruik", "in gebruik", "In gebruik",
            "inactief", "Buiten gebruik", "niet actief", "Buiten gebruik", "buiten gebruik", "Buiten gebruik",
            "in ontwikkeling", "In ontwikkeling");

    record Read(Map<String, Object> row, String nationalId, List<Wording> notes, List<FieldProblem> problems) {
    }

    private NationalRecords() {
    }

    static Read read(Map<String, Object> raw, RegisterStandard standard) {
        Map<String, Object> row = new LinkedHashMap<>(raw);
        List<Wording> notes = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();

        String nationalId = null;
        String readKey = null;
        for (String key : OWNER_KEYS) {
            if (nationalId == null && row.get(key) instanceof String id && NATIONAL_ID.matcher(id.strip().toLowerCase(Locale.ROOT)).matches()) {
                nationalId = id.strip().toLowerCase(Locale.ROOT);
                readKey = key;
                notes.add(Wording.of("import.note.nationalId", key, nationalId));
            }
        }
        List<String> ignored = new ArrayList<>();
        for (String key : new ArrayList<>(row.keySet())) {
            if (REGISTER_KEYS.contains(key) && standard.field(key).isEmpty()) {
                row.remove(key);
                if (!key.equals(readKey)) {
                    ignored.add(key);
                }
            }
        }
        if (!ignored.isEmpty()) {
            notes.add(Wording.of("import.note.registerKeysIgnored", String.join(", ", ignored)));
        }

        Object version = row.get("standard_version");
        boolean older = version != null && !"1.0".equals(String.valueOf(version).strip()) && !String.valueOf(version).isBlank();
        if (older) {
            row.put("standard_version", "1.0");
            notes.add(Wording.of("import.note.olderStandard", String.valueOf(version)));
            for (String key : new ArrayList<>(row.keySet())) {
                if (standard.field(key).isEmpty()) {
                    Object value = row.remove(key);
                    if (value == null || value instanceof String s && s.isBlank() || value instanceof List<?> l && l.isEmpty()) {
                        notes.add(Wording.of("import.note.emptyOlderField", key, String.valueOf(version)));
                    } else {
                        problems.add(FieldProblem.of(key, "import.problem.olderField", String.valueOf(version)));
                    }
                }
            }
        }

        if (row.get("lang") instanceof String lang && !"nld".equals(lang)) {
            String plain = lang.strip().toLowerCase(Locale.ROOT);
            if (DUTCH.contains(plain)) {
                row.put("lang", "nld");
                notes.add(Wording.of("import.note.language", lang));
            } else if (OTHER_LANGUAGES.contains(plain)) {
                row.remove("lang");
                problems.add(FieldProblem.of("lang", "import.problem.otherLanguage", lang));
            }
        }
        if (row.get("status") instanceof String status) {
            String mapped = STATUS.get(status.strip().toLowerCase(Locale.ROOT));
            if (mapped != null && !mapped.equals(status)) {
                row.put("status", mapped);
                notes.add(Wording.of("import.note.status", status, mapped));
            }
        }
        return new Read(row, nationalId, notes, problems);
    }
}
