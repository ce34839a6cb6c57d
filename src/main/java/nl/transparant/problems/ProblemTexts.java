package nl.transparant.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of problems a person can correct, from the message bundles, so the services can name a problem by key
 * where they find it and it is told in the reader's language where it is shown: Dutch by default (also in what is
 * logged or stored), English on request. A bundle of its own rather than the application's message source, because
 * the services that find problems are plain classes without a locale; it reads the same {@code messages*.properties}.
 */
public final class ProblemTexts {

    public static final Locale DUTCH = Locale.forLanguageTag("nl");

    private static final ResourceBundleMessageSource BUNDLES = bundles();
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d+[^}]*}");
    /** The Dutch texts that differ from their English version, as patterns: which language a shown text is in. */
    private static final List<Pattern> DUTCH_ONLY = dutchOnlyPatterns();

    private ProblemTexts() {
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    /** The text of a key in the language (Dutch unless English is asked for); the key itself if the bundles lack it. */
    public static String text(String key, List<?> arguments, Locale language) {
        Locale chosen = language != null && "en".equals(language.getLanguage()) ? Locale.ENGLISH : DUTCH;
        return BUNDLES.getMessage(key, arguments.toArray(), key, chosen);
    }

    /** The text of a key in the language, or the fallback when the bundles lack it. */
    public static String textOr(String key, String fallback, Locale language) {
        Locale chosen = language != null && "en".equals(language.getLanguage()) ? Locale.ENGLISH : DUTCH;
        return BUNDLES.getMessage(key, null, fallback, chosen);
    }

    private static final List<Locale> LANGUAGES = List.of(DUTCH, Locale.ENGLISH);

    /** The API caller's language by Accept-Language: English if preferred, otherwise Dutch (also when it is malformed). */
    public static Locale callersLanguage(String acceptLanguage) {
        try {
            Locale chosen = acceptLanguage == null ? null : Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
            return chosen == null ? DUTCH : chosen;
        } catch (IllegalArgumentException malformed) {
            return DUTCH;
        }
    }

    /** The language of the request being answered on this thread (Dutch outside a request). */
    public static Locale callersLanguage() {
        var attributes = org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        return attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet
                ? callersLanguage(acceptLanguage(servlet.getRequest()))
                : DUTCH;
    }

    /**
     * The request's Accept-Language, or none when the firewall refuses its characters: the refusal of such a request is
     * then told in Dutch, instead of failing while it is being told (an empty 400, found by an outside tester).
     */
    public static String acceptLanguage(jakarta.servlet.http.HttpServletRequest request) {
        // a page asked for in English by its address (/en/register/…) is refused in English, whatever the browser's
        // header says: the address is the reader's own choice, and the one shared caches key on (outside tester: a 411
        // on /en/register came in Dutch)
        if (inEnglishByAddress(request)) {
            return "en";
        }
        try {
            return request.getHeader("Accept-Language");
        } catch (org.springframework.security.web.firewall.RequestRejectedException refused) {
            return null;
        }
    }

    /** As above, for a handler that has the request as Spring's {@code WebRequest}. */
    public static String acceptLanguage(org.springframework.web.context.request.WebRequest request) {
        if (request instanceof org.springframework.web.context.request.ServletWebRequest servlet
                && inEnglishByAddress(servlet.getRequest())) {
            return "en";
        }
        try {
            return request.getHeader("Accept-Language");
        } catch (org.springframework.security.web.firewall.RequestRejectedException refused) {
            return null;
        }
    }

    /** Whether the address names English: the public pages' /en/… paths. */
    private static boolean inEnglishByAddress(jakarta.servlet.http.HttpServletRequest request) {
        // on the error path (a refusal answered by /error) the address asked for is the error's, not /error
        Object failed = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed instanceof String asked ? asked : request.getRequestURI();
        String context = request.getContextPath();
        if (path == null) {
            return false;
        }
        if (context != null && !context.isEmpty() && path.startsWith(context)) {
            path = path.substring(context.length());
        }
        return path.equals("/en") || path.startsWith("/en/");
    }

    /**
     * The language a problem text is in: Dutch when it holds one of the bundles' Dutch texts (several problems about
     * one field are shown joined), otherwise English (the bundles' English, or a service's own words).
     */
    public static String languageOf(String text) {
        if (text == null) {
            return "en";
        }
        return DUTCH_ONLY.stream().anyMatch(p -> p.matcher(text).find()) ? "nl" : "en";
    }

    private static List<Pattern> dutchOnlyPatterns() {
        Properties dutch = load("messages.properties");
        Properties english = load("messages_en.properties");
        List<Pattern> patterns = new ArrayList<>();
        for (String key : dutch.stringPropertyNames()) {
            String text = dutch.getProperty(key).replace("''", "'");
            if (text.equals(english.getProperty(key, "").replace("''", "'"))
                    || ARGUMENT.matcher(text).replaceAll("").strip().length() < 8) {
                continue; // the same in both languages, or too little of its own to recognise
            }
            StringBuilder regex = new StringBuilder();
            Matcher m = ARGUMENT.matcher(text);
            int at = 0;
            while (m.find()) {
                regex.append(Pattern.quote(text.substring(at, m.start()))).append("(?s:.*?)");
                at = m.end();
            }
            regex.append(Pattern.quote(text.substring(at)));
            patterns.add(Pattern.compile(regex.toString()));
        }
        return List.copyOf(patterns);
    }

    private static Properties load(String bundle) {
        Properties texts = new Properties();
        try (var in = ProblemTexts.class.getClassLoader().getResourceAsStream(bundle)) {
            texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("The message bundle " + bundle + " cannot be read.", e);
        }
        return texts;
    }
}
