package nl.transparant.site;

import nl.transparant.identity.StaffUser;

/**
 * What the layout of every page needs to know, also on error pages that no controller model reaches:
 * the page language, the link to the same page in the other language, the section for the navigation,
 * and who is signed in (null for the public).
 *
 * @param otherLanguageUrl the current page in the other language, or null when the request was a form post
 *                         (a page can then name its own address in the model attribute {@code pageUrl})
 */
public record PageContext(String language, String otherLanguage, String otherLanguageUrl, String section, StaffUser staff) {

    static final String ATTRIBUTE = "site";

    /**
     * The register's pages show the same header to everyone, signed in or not: they are served without a session (the
     * public reads' own security chain), and a shared cache may hand one copy to anyone.
     */
    public boolean publicPage() {
        return "register".equals(section);
    }
}
