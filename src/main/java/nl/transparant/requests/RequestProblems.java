package nl.transparant.requests;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.transparant.problems.ProblemAnswers;
import nl.transparant.problems.ProblemTexts;

/**
 * Refusals from the request filters, in the problem+json shape of every other API error, in the caller's language
 * (Dutch unless Accept-Language asks for English: {@link ProblemTexts}).
 */
final class RequestProblems {

    private RequestProblems() {
    }

    /**
     * @param title the key of the title, {@code problem.title.*}
     * @param detail the key of the explanation
     */
    /**
     * The same refusal as a page, for a person's browser (it accepts HTML): written here, not through the error path,
     * whose filters would read the form's body first (a 33 MB upload the person waits for, refused anyway). The texts are
     * the error page's ({@code error.status.<status>}, {@code .text}, {@code .back}), in the reader's language, with the
     * site's stylesheets.
     */
    static void writePage(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        Locale language = pagesLanguage(request);
        String key = "error.status." + status;
        String context = request.getContextPath();
        String html = "<!DOCTYPE html>\n<html class=\"utrecht-html voorbeeld-theme\" lang=\"" + language.getLanguage() + "\">\n<head>\n"
                + "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(ProblemTexts.text(key, List.of(), language)) + " – Transparant</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + context + "/css/nlds/theme.css\">\n"
                + "<link rel=\"stylesheet\" href=\"" + context + "/css/nlds/index.css\">\n"
                + "<link rel=\"stylesheet\" href=\"" + context + "/css/nlds/html.css\">\n"
                + "<link rel=\"stylesheet\" href=\"" + context + "/css/site.css\">\n</head>\n"
                + "<body class=\"utrecht-body\">\n<main id=\"content\" class=\"page\">\n"
                + "<h1>" + escape(ProblemTexts.text(key, List.of(), language)) + "</h1>\n"
                + "<p class=\"lead\">" + escape(ProblemTexts.text(key + ".text", List.of(), language)) + "</p>\n"
                + "<p>" + escape(ProblemTexts.text(key + ".back", List.of(), language)) + "</p>\n"
                + "</main>\n</body>\n</html>\n";
        byte[] body = html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /**
     * The language the pages speak to this person, as the site decides it (site's SiteLanguage): English under /en/, with
     * {@code ?lang=en}, or with the cookie of that choice; Dutch otherwise, whatever the browser's Accept-Language (outside
     * tester: the page came in the browser's language while every other page was Dutch). The query is read from the
     * address only: asking the request for a parameter would read the form's body this page refuses to read.
     */
    static Locale pagesLanguage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString() == null ? "" : "&" + request.getQueryString() + "&";
        boolean english = path.startsWith("/en/") || query.contains("&lang=en&") || query.contains("&lang=en-")
                || !query.contains("&lang=") && request.getCookies() != null && java.util.Arrays.stream(request.getCookies())
                        .anyMatch(cookie -> LANGUAGE_COOKIE.equals(cookie.getName()) && cookie.getValue() != null
                                && cookie.getValue().toLowerCase(Locale.ROOT).startsWith("en"));
        return english ? Locale.ENGLISH : ProblemTexts.DUTCH;
    }

    /** The cookie in which the pages keep a person's choice of language (SiteLanguage.COOKIE). */
    private static final String LANGUAGE_COOKIE = "transparant-lang";

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
            Object... arguments) throws IOException {
        Locale language = ProblemTexts.callersLanguage(nl.transparant.problems.ProblemTexts.acceptLanguage(request));
        ProblemAnswers.write(response, ProblemAnswers.of(request, status, ProblemTexts.text(title, List.of(), language),
                ProblemTexts.text(detail, Arrays.asList(arguments), language)));
    }
}
