package nl.transparant.organisations;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The code an organisation gets from its name when nobody chose one: lower case, accents removed, everything that is
 * not a letter or digit a hyphen; a leading "Gemeente" dropped (a municipality is known by its place: "Gemeente
 * Rotterdam" is {@code rotterdam}) and "Gemeenschappelijke Regeling" shortened to {@code gr}; cut at a hyphen to fit
 * {@value OrganisationRules#MAX_CODE} characters; {@code -2}, {@code -3} ... when another organisation has it.
 */
final class OrganisationCodes {

    private OrganisationCodes() {
    }

    static String fromName(String name, Predicate<String> taken) {
        String code = fitted(base(name));
        if (code.length() < 2) {
            code = (code + "-organisatie").replaceAll("^-", "");
        }
        String candidate = code;
        for (int n = 2; taken.test(candidate); n++) {
            String suffix = "-" + n;
            candidate = fitted(code.substring(0, Math.min(code.length(), OrganisationRules.MAX_CODE - suffix.length()))) + suffix;
        }
        return candidate;
    }

    static String base(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String code = plain.replace("'", "").replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        code = code.replaceFirst("^gemeenschappelijke-regeling-", "gr-");
        return code.startsWith("gemeente-") ? code.substring("gemeente-".length()) : code;
    }

    private static String fitted(String code) {
        if (code.length() <= OrganisationRules.MAX_CODE) {
            return code;
        }
        String cut = code.substring(0, OrganisationRules.MAX_CODE);
        int lastHyphen = cut.lastIndexOf('-');
        return (lastHyphen > 0 ? cut.substring(0, lastHyphen) : cut).replaceAll("-+$", "");
    }
}
