package nl.transparant.register;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.RegisterFieldsValidator;
import nl.transparant.standard.RegisterStandard;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Fills a dedicated MariaDB database with published register entries for the benchmarks (run by
 * {@code bench/register-benchmark.sh} and {@code bench/export-memory.sh}; not a test).
 *
 * <p>Each entry is realistic Dutch text with every field of the standard filled (all themes, statuses and
 * publication categories occur, over a dozen organisations), checked by the product's own
 * {@link RegisterFieldsValidator} as an import would be. Rows go into the tables the product writes when it
 * publishes: {@code published_entry} as {@link PublishedEntry} stores it (the fields as Jackson writes them) and
 * {@code register_listing} with the values {@link RegisterListing#record} derives, through its own helpers. Every
 * fifth entry gets a second version, so the history downloads hold more rows than the current ones.
 *
 * <pre>java … nl.transparant.register.RegisterSeeder jdbc:mariadb://127.0.0.1:3306/ transparant_register_bench 10000</pre>
 *
 * A database that already holds the requested number of entries is left as it is.
 */
final class RegisterSeeder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;

    record Org(String code, String name, String type, String domain) {
    }

    /** The demo's organisations (from the migration) and some more, as the national register lists them. */
    static final List<Org> ORGANISATIONS = List.of(
            new Org("zoetermeer", "Gemeente Zoetermeer", "Gemeente", "zoetermeer.nl"),
            new Org("nissewaard", "Gemeente Nissewaard", "Gemeente", "nissewaard.nl"),
            new Org("capelle", "Gemeente Capelle aan den IJssel", "Gemeente", "capelleaandenijssel.nl"),
            new Org("bar", "BAR-organisatie", "Samenwerkingsverband", "bar-organisatie.nl"),
            new Org("mrdh", "Metropoolregio Rotterdam Den Haag", "Samenwerkingsverband", "mrdh.nl"),
            new Org("bench-delft", "Gemeente Delft", "Gemeente", "delft.nl"),
            new Org("bench-westland", "Gemeente Westland", "Gemeente", "gemeentewestland.nl"),
            new Org("bench-schiedam", "Gemeente Schiedam", "Gemeente", "schiedam.nl"),
            new Org("bench-vlaardingen", "Gemeente Vlaardingen", "Gemeente", "vlaardingen.nl"),
            new Org("bench-lansingerland", "Gemeente Lansingerland", "Gemeente", "lansingerland.nl"),
            new Org("bench-hhdelfland", "Hoogheemraadschap van Delfland", "Waterschap", "hhdelfland.nl"),
            new Org("bench-svhw", "Belastingsamenwerking SVHW", "Samenwerkingsverband", "svhw.nl"),
            new Org("bench-ggdhm", "GGD Haaglanden", "Gemeenschappelijke regeling", "ggdhaaglanden.nl"));

    record Subject(String what, String object, String team, String law, String lawLink, String source, String tags) {
    }

    static final List<Subject> SUBJECTS = List.of(
            new Subject("Aanvragen parkeervergunning controleren", "aanvragen voor een parkeervergunning", "Vergunningen",
                    "Parkeerverordening", "https://lokaleregelgeving.overheid.nl/parkeerverordening", "Basisregistratie Voertuigen (RDW)",
                    "parkeren, vergunning, kenteken"),
            new Subject("Meldingen openbare ruimte sorteren", "meldingen over de openbare ruimte", "Beheer Openbare Ruimte",
                    "Gemeentewet", "https://wetten.overheid.nl/BWBR0005416", "Meldingen Openbare Ruimte", "melding, straat, onderhoud"),
            new Subject("Afvalinzameling route plannen", "de routes van de vuilniswagens", "Afval en Reiniging",
                    "Wet milieubeheer", "https://wetten.overheid.nl/BWBR0003245", "Vulgraadsensoren ondergrondse containers",
                    "afval, container, route"),
            new Subject("WOZ-waarde taxeren", "de WOZ-waarde van woningen", "Belastingen", "Wet waardering onroerende zaken",
                    "https://wetten.overheid.nl/BWBR0007119", "Basisregistratie Adressen en Gebouwen", "woz, taxatie, belasting"),
            new Subject("Bijstandsaanvragen voorbereiden", "aanvragen voor een bijstandsuitkering", "Werk en Inkomen",
                    "Participatiewet", "https://wetten.overheid.nl/BWBR0015703", "Suwinet", "bijstand, uitkering, inkomen"),
            new Subject("Schuldhulp vroegsignalering", "signalen van betalingsachterstanden", "Schuldhulpverlening",
                    "Wet gemeentelijke schuldhulpverlening", "https://wetten.overheid.nl/BWBR0031835", "Signalen van woningcorporaties",
                    "schulden, vroegsignalering, hulp"),
            new Subject("Woo-verzoeken anonimiseren", "documenten voor Woo-verzoeken", "Informatiebeheer", "Wet open overheid",
                    "https://wetten.overheid.nl/BWBR0045754", "Documentmanagementsysteem", "woo, anonimiseren, documenten"),
            new Subject("Zonnepanelen herkennen op luchtfoto's", "daken met zonnepanelen", "Duurzaamheid", "Omgevingswet",
                    "https://wetten.overheid.nl/BWBR0037885", "Luchtfoto's Beeldmateriaal Nederland", "zonnepanelen, energie, luchtfoto"),
            new Subject("Verkeersdrukte voorspellen", "de drukte op kruispunten", "Mobiliteit", "Wegenverkeerswet 1994",
                    "https://wetten.overheid.nl/BWBR0006622", "Telpunten verkeerslichten", "verkeer, drukte, kruispunt"),
            new Subject("Leerlingenvervoer indelen", "ritten voor het leerlingenvervoer", "Onderwijs", "Wet op het primair onderwijs",
                    "https://wetten.overheid.nl/BWBR0003420", "Aanvragen leerlingenvervoer", "onderwijs, vervoer, leerlingen"),
            new Subject("Wmo-hulpmiddelen toewijzen", "aanvragen voor Wmo-voorzieningen", "Zorg", "Wet maatschappelijke ondersteuning 2015",
                    "https://wetten.overheid.nl/BWBR0035362", "Keukentafelgesprekken", "wmo, zorg, hulpmiddel"),
            new Subject("Boomonderhoud plannen", "het onderhoud van bomen", "Groen", "Omgevingswet", "https://wetten.overheid.nl/BWBR0037885",
                    "Boomregister", "bomen, groen, onderhoud"),
            new Subject("Waterpeil voorspellen", "het waterpeil in sloten en vaarten", "Watersysteem", "Waterwet",
                    "https://wetten.overheid.nl/BWBR0025458", "Peilmeters en neerslagradar", "water, peil, neerslag"),
            new Subject("Evenementenvergunning beoordelen", "aanvragen voor een evenementenvergunning", "Openbare Orde",
                    "Algemene Plaatselijke Verordening", "https://lokaleregelgeving.overheid.nl/apv", "Aanvraagformulieren",
                    "evenement, vergunning, veiligheid"),
            new Subject("Winkelbezoek tellen", "het aantal bezoekers in winkelstraten", "Economische Zaken", "Gemeentewet",
                    "https://wetten.overheid.nl/BWBR0005416", "Wifi-tellers (geanonimiseerd)", "winkels, bezoekers, centrum"),
            new Subject("Facturen controleren", "inkomende facturen", "Financiën", "Gemeentewet", "https://wetten.overheid.nl/BWBR0005416",
                    "Financiële administratie", "facturen, betalen, controle"));

    static final List<String> ASSESSMENTS = List.of("Data Protection Impact Assessment (DPIA)",
            "Impact Assessment Mensenrechten en Algoritmes (IAMA)", "Pre-scan DPIA", "De Ethische Data Assistant (DEDA)");
    static final List<String> PROVIDERS = List.of("Polderdata B.V.", "Eigen ontwikkeling", "Centric", "PinkRoccade Local Government",
            "Sweco Nederland", "Dataland B.V.", "Gemeentelijke ICT-dienst");
    static final List<String> VARIANTS = List.of("", " (pilot)", " in wijken", " voor ondernemers", " met sensoren", " 2.0",
            " regio Zuid", " binnenstad");

    private final RegisterStandard standard = new RegisterStandard();
    private final RegisterFieldsValidator validator = new RegisterFieldsValidator(standard);
    private final List<String> themes = permitted("category");
    private final List<String> statuses = permitted("status");
    private final List<String> categories = permitted("publication_category");

    public static void main(String[] args) throws Exception {
        String server = args.length > 0 ? args[0] : "jdbc:mariadb://127.0.0.1:3306/";
        String database = args.length > 1 ? args[1] : "transparant_register_bench";
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        String user = System.getenv().getOrDefault("BENCH_DB_USER", "root");
        String password = System.getenv().getOrDefault("BENCH_DB_PASSWORD", "");
        try (Connection admin = DriverManager.getConnection(server, user, password); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        try (Connection connection = DriverManager.getConnection(server + database + "?nullDatabaseMeansCurrent=true", user, password)) {
            Flyway.configure().dataSource(new SingleConnectionDataSource(connection, true))
                    .locations("classpath:db/migration", "classpath:db/vendor/mariadb").load().migrate();
            new RegisterSeeder().seed(connection, count);
        }
    }

    private List<String> permitted(String key) {
        return standard.field(key).orElseThrow().permittedValues().stream().map(t -> t.nl()).toList();
    }

    void seed(Connection connection, int count) throws Exception {
        int existing = count(connection, "select count(*) from register_listing");
        if (existing == count) {
            System.out.printf("%,d entries already published in this database%n", existing);
            return;
        }
        if (existing != 0) {
            throw new IllegalStateException("The database holds " + existing + " entries, not " + count + ": drop it first");
        }
        long started = System.nanoTime();
        try (PreparedStatement org = connection.prepareStatement(
                "insert into organisation (code, name, organisation_type) select ?, ?, ? from dual "
                        + "where not exists (select 1 from organisation where code = ?)")) {
            for (Org o : ORGANISATIONS) {
                org.setString(1, o.code());
                org.setString(2, o.name());
                org.setString(3, o.type());
                org.setString(4, o.code());
                org.executeUpdate();
            }
        }
        connection.setAutoCommit(false);
        Random random = new Random(20261127L);
        long bytes = 0;
        int versions = 0;
        try (PreparedStatement entry = connection.prepareStatement("insert into published_entry (case_id, lars, version_number, "
                + "organisation_code, name, fields, published_at, published_by) values (?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS);
                PreparedStatement listing = connection.prepareStatement("insert into register_listing (lars, entry_id, version_number, "
                        + "organisation_code, organisation_name, organisation_type, name, sort_name, status, publication_category, themes, "
                        + "impact_assessments, search_text, first_published_at, published_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            List<Object[]> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Org org = ORGANISATIONS.get(i % ORGANISATIONS.size());
                String lars = String.format("%08d", 10_000_000 + i);
                Instant firstPublished = Instant.parse("2023-01-02T09:00:00Z").plus(i % 1000, ChronoUnit.DAYS).plusSeconds(i);
                int versionCount = i % 5 == 0 ? 2 : 1;
                for (int v = 1; v <= versionCount; v++) {
                    Instant published = firstPublished.plus((v - 1) * 90L, ChronoUnit.DAYS);
                    Map<String, Object> fields = fields(random, i, v, org, lars, published);
                    if (i % 100 == 0) {
                        validator.cleanImported(fields); // throws with every problem if the generator drifts from the standard
                    }
                    String json = JSON.writeValueAsString(fields);
                    bytes += json.length();
                    versions++;
                    entry.setString(1, "bench-case-" + i);
                    entry.setString(2, lars);
                    entry.setInt(3, v);
                    entry.setString(4, org.code());
                    entry.setString(5, String.valueOf(fields.get("name")));
                    entry.setString(6, json);
                    entry.setTimestamp(7, Timestamp.from(published));
                    entry.setString(8, "publisher-" + org.code());
                    entry.addBatch();
                    if (v == versionCount) {
                        pending.add(new Object[] {lars, v, org, fields, firstPublished, published});
                    } else {
                        pending.add(null);
                    }
                }
                if (pending.size() >= BATCH || i == count - 1) {
                    flush(entry, listing, pending);
                    connection.commit();
                    if ((i + 1) % 10_000 == 0) {
                        System.out.printf("  %,d entries%n", i + 1);
                    }
                }
            }
        }
        connection.setAutoCommit(true);
        System.out.printf("Published %,d entries (%,d versions, %,d bytes of fields, %.0f per version) in %.1f s%n", count, versions,
                bytes, (double) bytes / versions, (System.nanoTime() - started) / 1e9);
    }

    /** Writes the versions of the batch, then the listing row of each entry's latest version with its generated id. */
    private static void flush(PreparedStatement entry, PreparedStatement listing, List<Object[]> pending) throws Exception {
        entry.executeBatch();
        List<Long> ids = new ArrayList<>();
        try (ResultSet keys = entry.getGeneratedKeys()) {
            while (keys.next()) {
                ids.add(keys.getLong(1));
            }
        }
        if (ids.size() != pending.size()) {
            throw new IllegalStateException("Expected " + pending.size() + " generated ids, got " + ids.size());
        }
        for (int k = 0; k < pending.size(); k++) {
            Object[] row = pending.get(k);
            if (row == null) {
                continue;
            }
            Org org = (Org) row[2];
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) row[3];
            String name = String.valueOf(fields.get("name"));
            listing.setString(1, (String) row[0]);
            listing.setLong(2, ids.get(k));
            listing.setInt(3, (Integer) row[1]);
            listing.setString(4, org.code());
            listing.setString(5, org.name());
            listing.setString(6, org.type());
            listing.setString(7, name);
            listing.setString(8, SearchText.fold(name));
            listing.setString(9, String.valueOf(fields.get("status")));
            listing.setString(10, String.valueOf(fields.get("publication_category")));
            listing.setString(11, RegisterListing.delimited(RegisterListing.values(fields.get("category"))));
            listing.setString(12, RegisterListing.delimited(RegisterListing.assessmentTitles(fields.get("impacttoetsen_grouping"))));
            listing.setString(13, RegisterListing.searchText(fields));
            listing.setTimestamp(14, Timestamp.from((Instant) row[4]));
            listing.setTimestamp(15, Timestamp.from((Instant) row[5]));
            listing.addBatch();
        }
        listing.executeBatch();
        pending.clear();
    }

    /** Every field of the standard, in its order, as a publication composes it. */
    Map<String, Object> fields(Random random, int i, int version, Org org, String lars, Instant published) {
        Subject s = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
        String variant = VARIANTS.get(random.nextInt(VARIANTS.size()));
        String name = s.what() + variant + " " + (i + 1);
        String status = statuses.get(i % statuses.size());
        String site = "https://www." + org.domain();
        String slug = SearchText.fold(s.what()).replaceAll("[^a-z0-9]+", "-");
        List<String> chosenThemes = new ArrayList<>(new LinkedHashSet<>(List.of(themes.get(i % themes.size()),
                themes.get(random.nextInt(themes.size())))));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", name.length() > 100 ? name.substring(0, 100) : name);
        f.put("description_short", "Dit algoritme helpt " + org.name() + " bij " + s.object() + ". Het doet een voorstel; een "
                + "medewerker van team " + s.team() + " neemt altijd het besluit." + (version > 1 ? " Bijgewerkt na evaluatie." : ""));
        f.put("organization", org.name());
        f.put("category", chosenThemes);
        f.put("status", status);
        int beginYear = 2018 + random.nextInt(6);
        f.put("begin_date", String.format("%d-%02d", beginYear, 1 + random.nextInt(12)));
        if ("Buiten gebruik".equals(status)) {
            f.put("end_date", String.format("%d-%02d", beginYear + 1 + random.nextInt(3), 1 + random.nextInt(12)));
        }
        f.put("contact_email", "algoritmes@" + org.domain());
        f.put("website", site + "/" + slug);
        f.put("publication_category", categories.get(i % categories.size()));
        f.put("url", site + "/algoritmes/" + slug + "-" + (i + 1));
        f.put("goal", "<p>We willen " + s.object() + " sneller en eerlijker afhandelen. Het algoritme zet de gegevens klaar en "
                + "wijst op wat opvalt, zodat medewerkers meer tijd hebben voor inwoners die hulp nodig hebben.</p><ul><li>Snellere "
                + "afhandeling</li><li>Gelijke behandeling van vergelijkbare gevallen</li><li>Minder handwerk</li></ul>");
        f.put("proportionality", "<p>Medewerkers kunnen alle gevallen ook met de hand beoordelen, maar dat kost veel tijd. Het "
                + "algoritme gebruikt alleen de gegevens die nodig zijn en bewaart geen uitkomsten langer dan nodig. De voordelen "
                + "wegen op tegen de risico's, omdat een mens altijd beslist.</p>");
        f.put("human_intervention", "<p>Een medewerker van team " + s.team() + " bekijkt elke uitkomst voordat er een besluit "
                + "valt. Wijkt de medewerker af van het voorstel, dan legt hij of zij uit waarom.</p>");
        f.put("risks", "<p>Het algoritme kan een fout maken, bijvoorbeeld door verouderde gegevens. Daarom:</p><ul><li>controleert "
                + "een medewerker elke uitkomst;</li><li>meten we elk kwartaal hoe vaak het voorstel wordt gevolgd;</li><li>kunnen "
                + "inwoners bezwaar maken tegen elk besluit.</li></ul>");
        f.put("lawful_basis", "<p>" + org.name() + " voert deze taak uit op grond van de " + s.law() + ". Persoonsgegevens worden "
                + "verwerkt op grond van artikel 6, lid 1, onder e, van de AVG.</p>");
        f.put("lawful_basis_grouping", List.of(Map.of("title", s.law(), "link", s.lawLink())));
        f.put("process_index_url", site + "/privacy/verwerkingsregister/" + slug);
        List<Map<String, String>> assessments = new ArrayList<>();
        for (int a = 0; a <= i % ASSESSMENTS.size(); a++) {
            assessments.add(Map.of("title", ASSESSMENTS.get(a), "link", site + "/algoritmes/" + slug + "/toets-" + (a + 1)));
        }
        f.put("impacttoetsen_grouping", assessments);
        f.put("impacttoetsen", "<p>Voordat het algoritme in gebruik ging, is een " + ASSESSMENTS.get(i % ASSESSMENTS.size())
                + " gedaan. De uitkomsten en maatregelen staan in de samenvatting.</p>");
        f.put("source_data", "<p>Gegevens uit " + s.source() + " en uit de eigen administratie van team " + s.team() + ".</p>");
        f.put("source_data_grouping", List.of(Map.of("title", s.source(), "link", "https://data.overheid.nl/dataset/" + slug)));
        f.put("methods_and_models", "<p>Het algoritme is een set vaste regels die de medewerkers samen met de leverancier hebben "
                + "opgesteld. Het leert niet zelf. Elke regel is vastgelegd en te controleren.</p><ol><li>Gegevens ophalen uit "
                + s.source() + ".</li><li>Regels toepassen.</li><li>Uitkomst voorleggen aan een medewerker.</li></ol>");
        f.put("provider", PROVIDERS.get(random.nextInt(PROVIDERS.size())));
        f.put("publiccode", "https://code." + org.domain() + "/" + slug);
        f.put("lang", "nld");
        f.put("standard_version", standard.version());
        f.put("source_id", org.code().toUpperCase().replace("BENCH-", "") + "-ALG-" + (i + 1));
        f.put("tags", s.tags() + ", " + org.name().replace("Gemeente ", "").toLowerCase());
        f.put("lars", lars);
        f.put("publication_dt", LocalDate.ofInstant(published, Publication.NETHERLANDS).toString());
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (FieldDefinition field : standard.fields()) {
            if (f.containsKey(field.key())) {
                ordered.put(field.key(), f.get(field.key()));
            }
        }
        return ordered;
    }

    private static int count(Connection connection, String query) throws Exception {
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
