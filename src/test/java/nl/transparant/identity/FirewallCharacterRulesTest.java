package nl.transparant.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link FirewallCharacterRules} allows exactly what Spring Security's own expressions allow, over every character of
 * the Basic Multilingual Plane, the astral planes' boundaries, lone surrogates and a few whole header values.
 */
class FirewallCharacterRulesTest {

    // Spring Security's default rules (StrictHttpFirewall, 6.5), written out here to hold ours against
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCharacterIsJudgedAsSpringJudgesIt() {
        List<String> texts = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            texts.add(String.valueOf((char) c));
        }
        for (int codePoint : new int[] {0x10000, 0x1F600, 0x1FFFF, 0xE0001, 0xEFFFF, 0x10FFFF, 0x2FFFE}) {
            texts.add(new String(Character.toChars(codePoint)));
        }
        texts.addAll(List.of("", "Basic b3duZXI6ZGVtbw==", "application/json; charset=utf-8", "a\tb", "a\r\nX-Injected: 1",
                "naïve café ☕", "\uD83D", "x\uDE00y", "\u0378", "tab\tat\tthe end\t", "\u007F", "\u0085"));
        for (String text : texts) {
            assertThat(FirewallCharacterRules.ASSIGNED_NOT_CONTROL.test(text)).as("name %s", codes(text)).isEqualTo(NAMES.matcher(text).matches());
            assertThat(FirewallCharacterRules.ASSIGNED_NOT_CONTROL_OR_TAB.test(text)).as("value %s", codes(text)).isEqualTo(VALUES.matcher(text).matches());
        }
    }

    private static String codes(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> out.append(String.format("U+%04X ", cp)));
        return out.toString().trim();
    }
}
