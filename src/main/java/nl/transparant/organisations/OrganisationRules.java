package nl.transparant.organisations;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import nl.transparant.problems.FieldProblem;

/**
 * What makes an organisation valid, for the API and for every row of an organisation file alike: the form of each
 * field, then the references and uniqueness against every organisation as it will be (the stored ones, plus a file's
 * rows). The English messages are shown as they are on the pages.
 */
final class OrganisationRules {

    /** The engine keeps the organisation as the tenant of its process instances, in columns of 64 characters. */
    static final int MAX_CODE = 64;
    static final int MAX_NAME = 200;
    static final int MAX_TOOI_URI = 200;
    static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_CODE - 2) + "}[a-z0-9]"); // 2 to 64, as the refusal says
    /** The national register's org_id (TOOI): municipality, province, water board, ministry, other, independent body, cooperation. */
    static final Pattern NATIONAL_ID = Pattern.compile("gm\\d{4}|pv\\d{2}|ws\\d{4}|mnre\\d{4}|oorg\\d{5}|zb\\d{6}|so\\d{4}");
    static final Pattern KVK = Pattern.compile("\\d{8}");
    /** What real organisation names are made of; no markup, no colon (no "javascript:"), no control or direction characters. */
    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}\\p{N} .,'\u2019()&/+-]+");
    static final String TOOI_PREFIX = "https://identifier.overheid.nl/tooi/id/";
    private static final Pattern TOOI_PATH = Pattern.compile("[a-z_]+/[a-z0-9]+");

    /**
     * The national register's organisation types (its OrgType), as this application shows and filters them, and
     * "Samenwerkingsverband", the shared service organisations this application had before.
     */
    static final List<String> TYPES = List.of("Gemeente", "Provincie", "Waterschap", "Ministerie", "Zelfstandig bestuursorgaan",
            "Agentschap", "Adviescollege", "Brandweer", "Caribisch openbaar lichaam", "Grensoverschrijdend regionaal samenwerkingsorgaan",
            "Hoog college van staat", "Interdepartementale commissie", "Kabinet van de Koning", "Koepelorganisatie", "Omgevingsdienst",
            "Openbaar lichaam voor beroep en bedrijf", "Organisatie met overheidsbemoeienis", "Organisatieonderdeel", "Politie",
            "Rechtspraak", "Regionaal samenwerkingsorgaan", "Regionaal samenwerkingsverband", "Samenwerkingsverband", "Overig");

    private OrganisationRules() {
    }

    /** The same input with blanks as null, codes and ids in lower case and the type as shown, so "gemeente" is "Gemeente". */
    static OrganisationData normalised(OrganisationData in) {
        List<String> serves = in.serves() == null ? List.of()
                : in.serves().stream().map(OrganisationRules::trimmed).filter(s -> s != null).map(s -> s.toLowerCase(Locale.ROOT))
                        .distinct().sorted().toList();
        return new OrganisationData(lower(in.code()), trimmed(in.name()), lower(in.nationalId()), type(trimmed(in.type())),
                trimmed(in.tooiUri()), trimmed(in.kvk()), lower(in.partOf()), in.active() == null || in.active(), serves);
    }

    /** The problems with the fields on their own. */
    static List<FieldProblem> formProblems(OrganisationData o) {
        List<FieldProblem> problems = new ArrayList<>();
        if (o.code() == null) {
            problems.add(FieldProblem.of("code", "problem.field.requiredValue"));
        } else if (!CODE.matcher(o.code()).matches()) {
            problems.add(FieldProblem.of("code", "problem.organisation.code", MAX_CODE));
        }
        if (o.name() == null) {
            problems.add(FieldProblem.of("name", "problem.field.requiredValue"));
        } else if (o.name().length() > MAX_NAME) {
            problems.add(FieldProblem.of("name", "problem.text.tooLong", MAX_NAME));
        } else if (!NAME.matcher(o.name()).matches()) {
            problems.add(FieldProblem.of("name", "problem.organisation.name"));
        }
        if (o.type() == null) {
            problems.add(FieldProblem.of("type", "problem.field.requiredValue"));
        } else if (!TYPES.contains(o.type())) {
            problems.add(FieldProblem.of("type", "problem.organisation.type", String.join(", ", TYPES)));
        }
        if (o.nationalId() != null && !NATIONAL_ID.matcher(o.nationalId()).matches()) {
            problems.add(FieldProblem.of("nationalId", "problem.organisation.nationalId"));
        }
        if (o.kvk() != null && !KVK.matcher(o.kvk()).matches()) {
            problems.add(FieldProblem.of("kvk", "problem.organisation.kvk"));
        }
        if (o.tooiUri() != null) {
            tooiProblem(o).ifPresent(problems::add);
        }
        return problems;
    }

    private static Optional<FieldProblem> tooiProblem(OrganisationData o) {
        String uri = o.tooiUri();
        if (uri.length() > MAX_TOOI_URI || !uri.startsWith(TOOI_PREFIX) || !TOOI_PATH.matcher(uri.substring(TOOI_PREFIX.length())).matches()) {
            return Optional.of(FieldProblem.of("tooiUri", "problem.organisation.tooi", TOOI_PREFIX));
        }
        try {
            new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of(FieldProblem.of("tooiUri", "problem.organisation.uri"));
        }
        if (o.nationalId() != null && !uri.endsWith("/" + o.nationalId())) {
            return Optional.of(FieldProblem.of("tooiUri", "problem.organisation.tooiOther", o.nationalId()));
        }
        return Optional.empty();
    }

    /** Another organisation already has this code, national id or name: the field and the message, for a 409. */
    static Optional<FieldProblem> duplicate(OrganisationData o, Map<String, OrganisationData> all) {
        for (OrganisationData other : all.values()) {
            if (other.code().equals(o.code())) {
                continue;
            }
            if (o.nationalId() != null && o.nationalId().equals(other.nationalId())) {
                return Optional.of(FieldProblem.of("nationalId", "problem.organisation.nationalIdTaken", other.code(), o.nationalId()));
            }
            if (o.name().equalsIgnoreCase(other.name())) {
                return Optional.of(FieldProblem.of("name", "problem.organisation.nameTaken", other.code()));
            }
        }
        return Optional.empty();
    }

    /** partOf and serves name organisations that exist (in {@code all}), and partOf makes no circle. */
    static List<FieldProblem> referenceProblems(OrganisationData o, Map<String, OrganisationData> all) {
        List<FieldProblem> problems = new ArrayList<>();
        if (o.partOf() != null) {
            if (!all.containsKey(o.partOf())) {
                problems.add(FieldProblem.of("partOf", "problem.organisation.unknown", o.partOf()));
            } else if (circle(o, all)) {
                problems.add(FieldProblem.of("partOf", "problem.organisation.circle", o.code()));
            }
        }
        for (String served : o.serves()) {
            if (served.equals(o.code())) {
                problems.add(FieldProblem.of("serves", "problem.organisation.servesItself"));
            } else if (!all.containsKey(served)) {
                problems.add(FieldProblem.of("serves", "problem.organisation.unknown", served));
            }
        }
        return problems;
    }

    /** {@code all} holds {@code o} as it will be; the chain of parents upwards must not come back to it. */
    private static boolean circle(OrganisationData o, Map<String, OrganisationData> all) {
        Set<String> seen = new HashSet<>();
        String parent = o.partOf();
        while (parent != null) {
            if (parent.equals(o.code()) || !seen.add(parent)) {
                return true;
            }
            OrganisationData next = all.get(parent);
            parent = next == null ? null : next.partOf();
        }
        return false;
    }

    /** Accepts the national register's keys too: "zelfstandig_bestuursorgaan" is "Zelfstandig bestuursorgaan". */
    private static String type(String type) {
        if (type == null) {
            return null;
        }
        String spaced = type.replace('_', ' ');
        return TYPES.stream().filter(t -> t.equalsIgnoreCase(spaced)).findFirst().orElse(type);
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String lower(String value) {
        String trimmed = trimmed(value);
        return trimmed == null ? null : trimmed.toLowerCase(Locale.ROOT);
    }
}
