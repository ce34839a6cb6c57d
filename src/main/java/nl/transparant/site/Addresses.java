package nl.transparant.site;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.web.util.UriUtils;

/**
 * An address built from a path and the request's parameters. Every name and value is encoded strictly (also
 * {@code +}, {@code &}, {@code =}): {@code UriComponentsBuilder.encode()} leaves a {@code +} as it is, which the next
 * request reads as a space, so a search for "C++" became one for "C  " after a language switch.
 */
final class Addresses {

    private Addresses() {
    }

    /** The path with the parameters except {@code left out}, then {@code name=value} when name is not null. */
    static String of(String path, Map<String, String[]> parameters, String leftOut, String name, String value) {
        StringBuilder url = new StringBuilder(UriUtils.encodePath(path, StandardCharsets.UTF_8));
        char separator = '?';
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (parameter.getKey().equals(leftOut)) {
                continue;
            }
            for (String each : parameter.getValue()) {
                url.append(separator).append(strict(parameter.getKey())).append('=').append(strict(each));
                separator = '&';
            }
        }
        if (name != null) {
            url.append(separator).append(strict(name)).append('=').append(strict(value));
        }
        return url.toString();
    }

    private static String strict(String text) {
        return UriUtils.encode(text == null ? "" : text, StandardCharsets.UTF_8);
    }
}
