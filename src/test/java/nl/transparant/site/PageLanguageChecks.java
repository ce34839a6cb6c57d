package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.core.io.ClassPathResource;

/**
 * Every text in the reader's language: a page names no message key it lacks ({@code ??key_nl??}), shows no code where
 * words belong (event types, BPMN element ids, process states, score keys, outcomes, votes; a code shown as code, in {@code <code>},
 * is fine), and holds no text that exists only in the other language's bundle. Text marked with another {@code lang}
 * (a Dutch register text on an English page, the language switch) is that language's, and left out. Used by
 * {@link PageTestSupport} on every page the page tests fetch, in Dutch and in English.
 */
public final class PageLanguageChecks {

    private static final Pattern RAW_KEY = Pattern.compile("\\?\\?[^?\\s<>\"]+_(nl|en)(_[A-Z]{2})?\\?\\?");
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d+[^}]*}|\\n");
    private static final Properties DUTCH = load("messages.properties");
    private static final Properties ENGLISH = load("messages_en.properties");
    /** By page language: the texts (or parts between arguments) that only the other language's bundle has. */
    private static final Map<String, Map<String, String>> FOREIGN = Map.of(
            "nl", foreign(ENGLISH, DUTCH), "en", foreign(DUTCH, ENGLISH));
    private static final List<Pattern> CODES = codes();

    private PageLanguageChecks() {
    }

    public static void assertInItsLanguage(Document page) {
        String language = page.selectFirst("html").attr("lang");
        assertThat(RAW_KEY.matcher(page.html()).results().map(m -> m.group()).toList()).as("message keys the bundles lack").isEmpty();
        if (!FOREIGN.containsKey(language)) {
            // a part of a page (the result so far while typing) carries no language of its own: its page's tests check it
            return;
        }
        String text = visibleText(page, language);
        for (Map.Entry<String, String> foreign : FOREIGN.get(language).entrySet()) {
            assertThat(text).as("a text of the other language's bundle (%s) on a page in '%s'", foreign.getValue(), language)
                    .doesNotContain(foreign.getKey());
        }
        for (Pattern code : CODES) {
            var found = code.matcher(text);
            boolean shown = found.find();
            // the words around it, so a failure says where on the page the code is
            String around = shown ? text.substring(Math.max(0, found.start() - 80), Math.min(text.length(), found.end() + 80)) : "";
            assertThat(shown).as("the code '%s' shown as a word on a page in '%s': …%s…", code.pattern(), language, around)
                    .isFalse();
        }
    }

    /** What a reader reads in the page's language: without code, form values, scripts and parts in another language. */
    private static String visibleText(Document page, String language) {
        Element body = page.body().clone();
        body.select("code, pre, script, style, template, textarea, input").remove();
        for (Element other : body.select("[lang]")) {
            if (!other.attr("lang").equals(language)) {
                other.remove();
            }
        }
        return body.text();
    }

    private static Map<String, String> foreign(Properties other, Properties own) {
        Collection<String> ownTexts = own.stringPropertyNames().stream().map(own::getProperty).toList();
        Map<String, String> parts = new LinkedHashMap<>();
        for (String key : other.stringPropertyNames()) {
            String text = other.getProperty(key);
            if (text.equals(own.getProperty(key))) {
                continue;
            }
            for (String part : ARGUMENT.split(text.replace("''", "'"))) {
                String p = part.strip();
                // long enough to be a sentence of the other language, not a name or term both share
                if (p.length() >= 20 && p.split("\\s+").length >= 4 && ownTexts.stream().noneMatch(t -> t.replace("''", "'").contains(p))) {
                    parts.putIfAbsent(p, key);
                }
            }
        }
        return parts;
    }

    /** Codes that are no word of either language: with a hyphen, underscore or capital inside, or all capitals. */
    private static List<Pattern> codes() {
        List<Pattern> codes = new ArrayList<>();
        for (String prefix : List.of("audit.eventType.", "process.element.", "audit.processState.", "report.scoreKey.", "outcome.done.",
                "ethics.vote.", "audit.outcome.")) {
            for (String key : DUTCH.stringPropertyNames()) {
                String code = key.startsWith(prefix) ? key.substring(prefix.length()) : null;
                if (code != null && code.matches(".*([-_].*|[a-z][A-Z].*)|[A-Z_]{4,}")) {
                    codes.add(Pattern.compile("(?<![\\w-])" + Pattern.quote(code) + "(?![\\w-])"));
                }
            }
        }
        return codes;
    }

    private static Properties load(String bundle) {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(bundle).getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
