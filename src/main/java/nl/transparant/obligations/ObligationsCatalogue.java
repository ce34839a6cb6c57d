package nl.transparant.obligations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.transparant.assessment.PoliciesReloaded;
import nl.transparant.assessment.PolicyProblem;
import nl.transparant.assessment.PolicyProblem.Severity;
import nl.transparant.assessment.ReloadReport;
import nl.transparant.assessment.ReloadablePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Algoritmekader's catalogue of requirements and measures ({@code policies/algoritmekader/requirements/*.yaml}
 * and {@code measures/*.yaml}, one file each, the shape of MinBZK/task-registry) and the release policy of
 * {@code policies/obligations.yaml}. A municipality drops the official files in next to (or instead of) the product's.
 *
 * <p>Fails closed: at start an invalid catalogue stops the application; on the administrators' reload a catalogue
 * with any error keeps the previous one whole (never half of a new one), and the report names file and field. A
 * profile value outside the decision aid's vocabulary is an error, since an item it cannot match would silently
 * never apply.
 */
@Component
public class ObligationsCatalogue implements ReloadablePolicy {

    static final List<String> PROFILE_FIELDS = List.of("type", "risk_group", "role", "transparency_obligations", "systemic_risk",
            "open_source", "conformity_assessment_body");
    /** Older official files call the risk group {@code risk_category}. */
    static final String RISK_GROUP_ALIAS = "risk_category";
    static final Map<String, Set<String>> VOCABULARY = nl.transparant.screening.AiActProfileVocabulary.VALUES;
    /** The Algoritmekader's lifecycle phases, in their order; the checklist follows it. */
    static final List<String> LIFECYCLE = List.of("organisatieverantwoordelijkheden", "probleemanalyse", "ontwerp",
            "dataverkenning-en-datapreparatie", "ontwikkelen", "verificatie-en-validatie", "implementatie", "monitoring-en-beheer",
            "uitfaseren");
    private static final Pattern URN = Pattern.compile("urn:nl:[a-z0-9-]+:(ver|mtr):[a-z0-9-]+");
    private static final Pattern MEMBER_STATE = Pattern.compile("[A-Z]{2}");

    /** What a release waits for, per {@code policies/obligations.yaml}. */
    /** @param publicOrganisations organisations that opted in to showing, on the public entry, which requirements are met */
    public record ReleasePolicy(List<String> requirementsMetBeforeRelease, boolean euRegistrationBeforeRelease, String memberState,
            List<String> publicOrganisations) {
    }

    /** One consistent catalogue with its release policy; replaced whole on a good reload. */
    public record Catalogue(Map<String, CatalogueItem> items, ReleasePolicy release) {

        public List<CatalogueItem> requirements() {
            return items.values().stream().filter(i -> i.kind() == CatalogueItem.Kind.REQUIREMENT).toList();
        }

        public List<CatalogueItem> measures() {
            return items.values().stream().filter(i -> i.kind() == CatalogueItem.Kind.MEASURE).toList();
        }

        public Optional<CatalogueItem> item(String urn) {
            return Optional.ofNullable(items.get(urn));
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ObligationsCatalogue.class);

    private final Path folder;
    private final Path policyFile;
    private final ApplicationEventPublisher events;
    private volatile Catalogue catalogue;
    private volatile ReloadReport lastReload;

    ObligationsCatalogue(@Value("${transparant.obligations.catalogue:${transparant.policies-dir}/algoritmekader}") Path folder,
            @Value("${transparant.obligations.policy:${transparant.policies-dir}/obligations.yaml}") Path policyFile,
            ApplicationEventPublisher events) {
        this.folder = folder;
        this.policyFile = policyFile;
        this.events = events;
        ReloadReport report = load();
        if (report.hasErrors()) {
            throw new IllegalStateException("The Algoritmekader's catalogue cannot be used: " + report.errors());
        }
    }

    public Catalogue current() {
        return catalogue;
    }

    @Override
    public synchronized ReloadReport reload() {
        Catalogue before = catalogue;
        ReloadReport report = load();
        events.publishEvent(new PoliciesReloaded(report.folder(), report.served(), report.keptPrevious(), report.errors().size()));
        if (catalogue != before) {
            events.publishEvent(new ObligationEvents.CatalogueChanged(changedItems(before, catalogue)));
        }
        return report;
    }

    @Override
    public ReloadReport lastReload() {
        return lastReload;
    }

    /** The URNs of items that are new or have another version now. */
    static List<String> changedItems(Catalogue before, Catalogue after) {
        return after.items().values().stream()
                .filter(item -> before == null || before.item(item.urn()).map(old -> !old.version().equals(item.version())).orElse(true))
                .map(CatalogueItem::urn)
                .toList();
    }

    private ReloadReport load() {
        List<PolicyProblem> problems = new ArrayList<>();
        Optional<Catalogue> read = read(folder, policyFile, problems);
        List<String> served;
        List<String> kept = List.of();
        if (read.isPresent()) {
            catalogue = read.get();
            served = catalogue.items().values().stream().map(i -> i.urn() + " " + i.version() + " (sha256 " + i.sha256().substring(0, 12) + ")")
                    .toList();
        } else if (catalogue != null) {
            kept = List.of(folder.toString());
            served = List.of();
        } else {
            served = List.of();
        }
        lastReload = new ReloadReport(folder.toString(), served, kept, problems);
        if (read.isPresent()) {
            log.info("Serving {} requirements and {} measures of the Algoritmekader from {}", catalogue.requirements().size(),
                    catalogue.measures().size(), folder);
        } else {
            log.warn("The Algoritmekader's catalogue in {} is refused: {}", folder, lastReload.errors());
        }
        return lastReload;
    }

    /** Reads and checks the whole catalogue; empty when anything is an error (the problems say what). */
    static Optional<Catalogue> read(Path folder, Path policyFile, List<PolicyProblem> problems) {
        Map<String, CatalogueItem> items = new LinkedHashMap<>();
        for (CatalogueItem.Kind kind : CatalogueItem.Kind.values()) {
            Path sub = folder.resolve(kind == CatalogueItem.Kind.REQUIREMENT ? "requirements" : "measures");
            if (!Files.isDirectory(sub)) {
                problems.add(error(sub.toString(), null, "", "The catalogue needs this folder, with one YAML file per item."));
                continue;
            }
            try (Stream<Path> files = Files.list(sub)) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList()) {
                    readItem(kind, file, problems).ifPresent(item -> {
                        if (items.putIfAbsent(item.urn(), item) != null) {
                            problems.add(error(file.toString(), item.urn(), "urn", "Another file of the catalogue has this URN too."));
                        }
                    });
                }
            } catch (IOException e) {
                problems.add(error(sub.toString(), null, "", "Cannot read the folder: " + e.getMessage()));
            }
        }
        if (items.values().stream().noneMatch(i -> i.kind() == CatalogueItem.Kind.REQUIREMENT)) {
            problems.add(error(folder.toString(), null, "", "The catalogue has no requirements."));
        }
        for (CatalogueItem measure : items.values()) {
            if (measure.kind() == CatalogueItem.Kind.MEASURE) {
                measure.links().stream().filter(link -> !items.containsKey(link)).forEach(link -> problems.add(new PolicyProblem(
                        Severity.WARNING, measure.file(), measure.urn(), "links", "Links to '" + link + "', which is not in the catalogue.")));
            }
        }
        ReleasePolicy release = readPolicy(policyFile, items, problems);
        if (problems.stream().anyMatch(PolicyProblem::isError)) {
            return Optional.empty();
        }
        return Optional.of(new Catalogue(Map.copyOf(items), release));
    }

    private static Optional<CatalogueItem> readItem(CatalogueItem.Kind kind, Path file, List<PolicyProblem> problems) {
        String name = file.toString();
        int before = problems.size();
        try {
            byte[] bytes = Files.readAllBytes(file);
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            if (!(document instanceof Map<?, ?> root)) {
                problems.add(error(name, null, "", "The file is not a YAML mapping."));
                return Optional.empty();
            }
            String urn = text(root, "urn");
            String expected = kind == CatalogueItem.Kind.REQUIREMENT ? "ver" : "mtr";
            if (urn == null || !URN.matcher(urn).matches() || !urn.contains(":" + expected + ":")) {
                problems.add(error(name, urn, "urn", "Needs a URN like urn:nl:ak:" + expected + ":… (lower-case letters, digits, hyphens)."));
            }
            String title = text(root, "name");
            if (title == null || title.isBlank()) {
                problems.add(error(name, urn, "name", "Needs a name."));
            }
            String url = text(root, "url");
            if (url != null && !url.isBlank() && !url.matches("https?://\\S+")) {
                problems.add(error(name, urn, "url", "The link must start with https:// or http://."));
            }
            List<String> lifecycle = strings(root, "lifecycle", name, urn, problems);
            if (lifecycle.isEmpty()) {
                problems.add(error(name, urn, "lifecycle", "Name at least one lifecycle phase."));
            }
            lifecycle.stream().filter(phase -> !LIFECYCLE.contains(phase)).forEach(phase -> problems.add(error(name, urn, "lifecycle",
                    "Unknown lifecycle phase '" + phase + "'; use one of " + LIFECYCLE + ".")));
            Object always = root.get("always_applicable");
            boolean alwaysApplicable = always instanceof Boolean b ? b : always instanceof Number n && n.intValue() == 1;
            if (always != null && !(always instanceof Boolean) && !(always instanceof Number n && (n.intValue() == 0 || n.intValue() == 1))) {
                problems.add(error(name, urn, "always_applicable", "Write 0 or 1 (or false or true)."));
            }
            List<Map<String, List<String>>> profiles = profiles(root.get("ai_act_profile"), name, urn, problems);
            Object version = root.get("version");
            String sha256 = sha256(bytes);
            if (problems.size() > before && problems.subList(before, problems.size()).stream().anyMatch(PolicyProblem::isError)) {
                return Optional.empty();
            }
            return Optional.of(new CatalogueItem(kind, urn, version == null ? sha256.substring(0, 12) : String.valueOf(version), sha256,
                    title.strip(), orEmpty(text(root, "description")), orEmpty(text(root, "explanation")), text(root, "language"), url,
                    strings(root, "subject", name, urn, problems), lifecycle, strings(root, "links", name, urn, problems),
                    strings(root, "suggested_roles", name, urn, problems), alwaysApplicable, profiles, name));
        } catch (IOException e) {
            problems.add(error(name, null, "", "Cannot read the file: " + e.getMessage()));
        } catch (RuntimeException e) {
            problems.add(error(name, null, "", "Not valid YAML: " + e.getMessage()));
        }
        return Optional.empty();
    }

    private static List<Map<String, List<String>>> profiles(Object value, String file, String urn, List<PolicyProblem> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> entries)) {
            problems.add(error(file, urn, "ai_act_profile", "Write a list of profile entries."));
            return List.of();
        }
        List<Map<String, List<String>>> profiles = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String path = "ai_act_profile[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                problems.add(error(file, urn, path, "Each profile entry is a mapping of field to values."));
                continue;
            }
            Map<String, List<String>> profile = new LinkedHashMap<>();
            entry.forEach((k, v) -> {
                String key = RISK_GROUP_ALIAS.equals(k) ? "risk_group" : String.valueOf(k);
                if (!PROFILE_FIELDS.contains(key)) {
                    problems.add(error(file, urn, path + "." + k, "Unknown profile field; use one of " + PROFILE_FIELDS + "."));
                    return;
                }
                List<String> values = new ArrayList<>();
                if (v instanceof List<?> list) {
                    list.forEach(x -> values.add(String.valueOf(x)));
                } else if (v != null) {
                    problems.add(error(file, urn, path + "." + k, "Write a list of values."));
                }
                values.stream().filter(x -> !VOCABULARY.get(key).contains(x)).forEach(x -> problems.add(error(file, urn, path + "." + k,
                        "Unknown value '" + x + "'; the decision aid's labels are " + VOCABULARY.get(key) + ".")));
                profile.merge(key, List.copyOf(values), (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
            });
            profiles.add(Map.copyOf(profile));
        }
        return List.copyOf(profiles);
    }

    private static ReleasePolicy readPolicy(Path file, Map<String, CatalogueItem> items, List<PolicyProblem> problems) {
        String name = file.toString();
        try {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            if (!(document instanceof Map<?, ?> root)) {
                problems.add(error(name, null, "", "The file is not a YAML mapping."));
                return null;
            }
            List<String> required = strings(root, "requirements_met_before_release", name, null, problems);
            for (String urn : required) {
                CatalogueItem item = items.get(urn);
                if (item == null || item.kind() != CatalogueItem.Kind.REQUIREMENT) {
                    problems.add(error(name, urn, "requirements_met_before_release", "Not a requirement of the catalogue."));
                } else if (items.values().stream().noneMatch(m -> m.kind() == CatalogueItem.Kind.MEASURE && m.links().contains(urn))) {
                    problems.add(error(name, urn, "requirements_met_before_release",
                            "No measure links to this requirement, so no owner could ever show it met."));
                }
            }
            Object eu = root.get("eu_database_registration_before_release");
            if (!(eu instanceof Boolean)) {
                problems.add(error(name, null, "eu_database_registration_before_release", "Write true or false."));
            }
            String memberState = text(root, "member_state");
            if (memberState == null || !MEMBER_STATE.matcher(memberState).matches()) {
                problems.add(error(name, null, "member_state", "Write the member state as two capital letters, e.g. NL."));
            }
            List<String> publicOrganisations = strings(root, "public_requirements_met", name, null, problems);
            return new ReleasePolicy(required, Boolean.TRUE.equals(eu), memberState, publicOrganisations);
        } catch (IOException e) {
            problems.add(error(name, null, "", "Cannot read the release policy: " + e.getMessage()));
        } catch (RuntimeException e) {
            problems.add(error(name, null, "", "Not valid YAML: " + e.getMessage()));
        }
        return null;
    }

    private static List<String> strings(Map<?, ?> root, String key, String file, String urn, List<PolicyProblem> problems) {
        Object value = root.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(x -> !(x instanceof String))) {
            problems.add(error(file, urn, key, "Write a list of texts."));
            return List.of();
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static String text(Map<?, ?> root, String key) {
        Object value = root.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text.strip();
    }

    private static PolicyProblem error(String file, String subject, String path, String message) {
        return new PolicyProblem(Severity.ERROR, file, subject, path, message);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
