package nl.transparant.site;

import java.util.Locale;
import nl.transparant.identity.StaffUser;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the layout of every page needs to know, also on error pages that no controller model reaches:
 * the page language, the link to the same page in the other language, the section for the navigation,
 * and who is signed in (null for the public).
 *
 * @param otherLanguageUrl the current page in the other language, or null when the request was a form post
 *                         (a page can then name its own address in the model attribute {@code pageUrl})
 * @param register         the register's overview in the page language ({@code /register} or {@code /en/register}):
 *                         every link to a public page starts with it, so that an English page links to English pages
 * @param url              the current page's own address when its language is in its path (a public page read with
 *                         GET), else null: the page and {@code otherLanguageUrl} are then each other's translations
 *                         ({@code hreflang} alternates)
 */
public record PageContext(String language, String otherLanguage, String otherLanguageUrl, String section, StaffUser staff,
        String register, String url) {

    static final String ATTRIBUTE = "site";

    /**
     * The register's pages show the same header to everyone, signed in or not: they are served without a session (the
     * public reads' own security chain), and a shared cache may hand one copy to anyone.
     */
    public boolean publicPage() {
        return "register".equals(section);
    }

    /**
     * A page's own address (the model attribute {@code pageUrl} of a page answering a form post) in the other language:
     * a public page's other path, or a staff page's address with {@code ?lang}.
     */
    public String otherLanguageOf(String pageUrl) {
        UriComponents url = UriComponentsBuilder.fromUriString(pageUrl).build();
        String dutchPath = url.getPath() == null ? null : PublicPages.dutchPath(url.getPath());
        if (dutchPath != null) {
            return UriComponentsBuilder.fromUriString(pageUrl).replacePath(PublicPages.in(Locale.forLanguageTag(otherLanguage), dutchPath))
                    .build().toUriString();
        }
        return UriComponentsBuilder.fromUriString(pageUrl).replaceQueryParam(SiteLanguage.PARAMETER, otherLanguage).build().toUriString();
    }

    /** The register's overview page, or one of its pages given by its path below {@code /register} (such as {@code /123}). */
    public String register(String below) {
        return register + below;
    }
}
