package nl.transparant.register;

import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import nl.transparant.problems.ProblemTexts;
import nl.transparant.site.PublicPages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An Atom 1.0 feed of what happened in the register, newest first: each published version is a publication (its
 * first version), a retirement (the version that set the status to "Buiten gebruik") or a change. Every entry
 * links to the version it announces, which never changes afterwards. Other modules add entries of their own through
 * {@link FeedItemSource} (the decision log's signed checkpoints), so feed readers keep copies of those too.
 */
@RestController
class RegisterFeed {

    static final int SIZE = 50;
    static final String RETIRED = "Buiten gebruik";
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final PublicRegister register;
    private final PublishedEntries entries;
    private final List<FeedItemSource> otherItems;

    /** The register's configured public address ({@code transparant.public-url}), without a trailing slash. */
    private final String publicUrl;

    RegisterFeed(PublicRegister register, PublishedEntries entries, List<FeedItemSource> otherItems,
            @Value("${transparant.public-url}") String publicUrl) {
        this.register = register;
        this.entries = entries;
        this.otherItems = otherItems;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    enum Kind {
        PUBLISHED, CHANGED, RETIRED;

        String label(Locale language) {
            return ProblemTexts.text("register.feed.kind." + name().toLowerCase(Locale.ROOT), List.of(), language);
        }
    }

    /**
     * Dutch, or English with {@code ?lang=en}: the feed's own words, and the entries' English texts where the owner
     * wrote them (a text without one stays Dutch and is marked {@code xml:lang="nl"}). The language is in the address, not
     * a cookie, so each address is one feed for every reader and cache.
     */
    @GetMapping("/register/feed.atom")
    ResponseEntity<String> feed(@RequestParam(name = "lang", required = false) String lang) throws XMLStreamException {
        Locale language = "en".equals(lang) ? Locale.ENGLISH : ProblemTexts.DUTCH;
        String suffix = language == Locale.ENGLISH ? "?lang=en" : "";
        // the configured address, not the request's Host header: the feed is kept by shared caches for everyone
        String base = publicUrl;
        List<PublishedEntry> recent = register.recentVersions(SIZE);
        List<FeedItem> others = otherItems.stream().flatMap(source -> source.recentFeedItems(SIZE, language).stream()).toList();
        Instant updated = recent.isEmpty() ? Instant.EPOCH : recent.get(0).getPublishedAt();
        for (FeedItem item : others) {
            updated = item.updated().isAfter(updated) ? item.updated() : updated;
        }

        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
        xml.writeAttribute("xml:lang", language.getLanguage());
        element(xml, "id", base + "/register/feed.atom" + suffix);
        element(xml, "title", ProblemTexts.text("register.feed.title", List.of(), language));
        element(xml, "updated", timestamp(updated));
        link(xml, "self", base + "/register/feed.atom" + suffix, "application/atom+xml");
        // the pages carry their language in the path (PublicPages); the feed keeps ?lang=en, its address since it began
        String pages = base + PublicPages.register(language);
        link(xml, "alternate", pages, "text/html");
        xml.writeStartElement("author");
        element(xml, "name", ProblemTexts.text("register.feed.author", List.of(), language));
        xml.writeEndElement();
        for (PublishedEntry version : recent) {
            Map<String, Object> fields = version.getFields();
            Kind kind = kind(version, fields);
            Map<String, Object> shown = version.fieldsIn(language);
            Set<String> dutchOnly = version.dutchTextsIn(language);
            String url = base + "/register/" + version.getLars() + "/versions/" + version.getVersionNumber();
            xml.writeStartElement("entry");
            // the id names the version whatever the feed's language (and stays what it was before the English paths)
            element(xml, "id", url);
            element(xml, "title", ProblemTexts.text("register.feed.entry", List.of(kind.label(language),
                    Objects.toString(shown.get("name"), version.getName()), String.valueOf(version.getVersionNumber())), language));
            element(xml, "updated", timestamp(version.getPublishedAt()));
            link(xml, "alternate", pages + "/" + version.getLars() + "/versions/" + version.getVersionNumber(), "text/html");
            xml.writeStartElement("author");
            element(xml, "name", Objects.toString(fields.get("organization"), version.getOrganisationCode()));
            xml.writeEndElement();
            xml.writeStartElement("category");
            xml.writeAttribute("term", kind.name().toLowerCase());
            xml.writeAttribute("label", kind.label(language));
            xml.writeEndElement();
            if (shown.get("description_short") != null) {
                xml.writeStartElement("summary");
                if (dutchOnly.contains("description_short")) {
                    xml.writeAttribute("xml:lang", "nl");
                }
                xml.writeCharacters(String.valueOf(shown.get("description_short")));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        for (FeedItem item : others) {
            item(xml, base, item, language);
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(ATOM).cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(out.toString());
    }

    /** Another module's entry (the decision log's checkpoints), after the register's own: Atom does not require an order. */
    private static void item(XMLStreamWriter xml, String base, FeedItem item, Locale language) throws XMLStreamException {
        xml.writeStartElement("entry");
        element(xml, "id", item.id());
        element(xml, "title", item.title());
        element(xml, "updated", timestamp(item.updated()));
        link(xml, "alternate", base + item.path(), "text/html");
        xml.writeStartElement("author");
        element(xml, "name", ProblemTexts.text("register.feed.author", List.of(), language));
        xml.writeEndElement();
        xml.writeStartElement("category");
        xml.writeAttribute("term", item.category());
        xml.writeAttribute("label", item.categoryLabel());
        xml.writeEndElement();
        element(xml, "summary", item.summary());
        xml.writeEndElement();
    }

    private Kind kind(PublishedEntry version, Map<String, Object> fields) {
        if (version.getVersionNumber() == 1) {
            return Kind.PUBLISHED;
        }
        if (RETIRED.equals(fields.get("status"))) {
            boolean wasRetired = entries.findByLarsAndVersionNumber(version.getLars(), version.getVersionNumber() - 1)
                    .map(previous -> RETIRED.equals(previous.getFields().get("status")))
                    .orElse(false);
            return wasRetired ? Kind.CHANGED : Kind.RETIRED;
        }
        return Kind.CHANGED;
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeStartElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
        xml.writeEndElement();
    }

    /** RFC 3339, as Atom requires; whole seconds, since the database may not keep more. */
    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
