package nl.transparant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The README and {@code docs/} say only what is true of this repository: every file, folder, script and test they
 * name exists, every link between them resolves, and the API page lists exactly the product's {@code /api} endpoints.
 * Drift between the docs and the code is how a newcomer gets lost, so it fails the build.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** Where a path named relative to its context (e.g. {@code assessments/dpia.yaml} in the policy guide) may live. */
    private static final List<String> SEARCH_ROOTS = List.of("", "policies/", "src/main/resources/",
            "src/main/resources/db/migration/", "policies/bindings/", "policies/assessments/", "policies/decision-trees/", "src/main/java/nl/transparant/", "src/test/java/nl/transparant/");
    /**
     * The government's own files, which a municipality drops into {@code policies/} and the project never copies: the
     * docs name them, the repository has none of them.
     */
    private static final Set<String> GOVERNMENT_FILES = Set.of("prescan.yaml", "dpia.yaml", "iama.yaml", "decision-tree.yaml",
            "sources/");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE = Pattern.compile("`([^`\\s]+)`");
    private static final Pattern FILE_LIKE = Pattern.compile(
            "[\\w.][\\w.*{}/-]*(\\.(ya?ml|json|sql|bpmn|dmn|sh|py|csv|java|md|html|css|js|mjs|properties)|/)");
    private static final Pattern TEST_CLASS = Pattern.compile("[A-Z][A-Za-z0-9]+(Test|IT)");
    private static final Pattern SCRIPT_IN_CODE_BLOCK = Pattern.compile("(?m)^\\s*(?:bash\\s+)?((?:bench|\\.ci)/\\S+)");
    private static final Pattern API_PATH = Pattern.compile("`(?:GET|POST|PUT|DELETE|PATCH) (/api/[^`?\\s]*)");

    @Test
    void everyFileFolderScriptAndTestTheDocsNameExists() {
        List<String> missing = new ArrayList<>();
        for (Path doc : docs()) {
            String text = read(doc);
            Matcher code = CODE.matcher(text);
            while (code.find()) {
                String token = code.group(1);
                if (TEST_CLASS.matcher(token).matches() && !testClassExists(token)) {
                    missing.add(ROOT.relativize(doc) + ": test " + token);
                } else if (isRepositoryPath(token) && !GOVERNMENT_FILES.contains(token) && !pathExists(token)) {
                    missing.add(ROOT.relativize(doc) + ": " + token);
                }
            }
            for (String block : codeBlocks(text)) {
                Matcher script = SCRIPT_IN_CODE_BLOCK.matcher(block);
                while (script.find()) {
                    if (!pathExists(script.group(1))) {
                        missing.add(ROOT.relativize(doc) + ": command " + script.group(1));
                    }
                }
            }
        }
        assertThat(missing).as("paths, scripts and tests named in the docs that do not exist").isEmpty();
    }

    @Test
    void everyLinkBetweenTheDocsResolves() {
        List<String> broken = new ArrayList<>();
        for (Path doc : docs()) {
            Matcher link = LINK.matcher(read(doc));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^(https?|mailto):.*") || target.startsWith("#") || target.startsWith("<")) {
                    continue;
                }
                String file = target.replaceAll("#.*$", "");
                if (!Files.exists(doc.getParent().resolve(file).normalize())) {
                    broken.add(ROOT.relativize(doc) + " → " + target);
                }
            }
        }
        assertThat(broken).as("links in the docs that lead nowhere").isEmpty();
    }

    @Test
    void theApiPageListsExactlyTheProductsApiEndpoints() {
        Set<String> documented = new TreeSet<>();
        Matcher path = API_PATH.matcher(read(ROOT.resolve("docs/api.md")));
        while (path.find()) {
            documented.add(normalised(path.group(1)));
        }
        Set<String> served = servedApiPaths();
        assertThat(served).as("the product's /api endpoints").isNotEmpty();
        assertThat(documented).as("endpoints in docs/api.md that the product does not serve").isSubsetOf(served);
        assertThat(served).as("endpoints the product serves that docs/api.md does not list").isSubsetOf(documented);
    }

    @Test
    void theArchitectureNamesEveryModule() throws IOException {
        String architecture = read(ROOT.resolve("docs/architecture/README.md"));
        try (Stream<Path> packages = Files.list(ROOT.resolve("src/main/java/nl/transparant"))) {
            List<String> unnamed = packages.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .filter(module -> !architecture.contains("`" + module + "`")).sorted().toList();
            assertThat(unnamed).as("modules docs/architecture/README.md does not name").isEmpty();
        }
    }

    @Test
    void theReadmeStaysOnePage() {
        String readme = read(ROOT.resolve("README.md"));
        assertThat(readme.lines().count()).as("README lines: details belong in docs/").isLessThan(120);
        assertThat(readme).contains("mvn spring-boot:run").contains("mvn -B verify");
    }

    private static Set<String> servedApiPaths() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        Set<String> paths = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("nl.transparant")) {
            Class<?> controller = load(candidate.getBeanClassName());
            RequestMapping onClass = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
            String[] prefixes = onClass == null || onClass.path().length == 0 ? new String[] {""} : onClass.path();
            for (Method method : controller.getDeclaredMethods()) {
                RequestMapping onMethod = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (onMethod == null) {
                    continue;
                }
                String[] suffixes = onMethod.path().length == 0 ? new String[] {""} : onMethod.path();
                for (String prefix : prefixes) {
                    for (String suffix : suffixes) {
                        String full = prefix + suffix;
                        if (full.startsWith("/api/")) {
                            paths.add(normalised(full));
                        }
                    }
                }
            }
        }
        return paths;
    }

    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "");
    }

    private static boolean isRepositoryPath(String token) {
        if (!FILE_LIKE.matcher(token).matches() || token.contains("://") || token.startsWith("application/")
                || token.startsWith("text/") || token.startsWith("/")) {
            return false;
        }
        // runtime folders, the build's output and the shared design folder outside this repository
        return !(token.startsWith("./data/") || token.startsWith("target/") || token.startsWith("../")
                || token.equals("./data/"));
    }

    private static boolean pathExists(String token) {
        for (String root : SEARCH_ROOTS) {
            Path candidate = ROOT.resolve(root + token);
            if (token.contains("*") ? globMatches(candidate) : Files.exists(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean globMatches(Path pattern) {
        Path parent = pattern.getParent();
        if (!Files.isDirectory(parent)) {
            return false;
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(parent, pattern.getFileName().toString())) {
            return matches.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean testClassExists(String name) {
        try (Stream<Path> files = Files.walk(ROOT.resolve("src/test/java"))) {
            return files.anyMatch(file -> file.getFileName().toString().equals(name + ".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> codeBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("(?s)```[^\\n]*\\n(.*?)```").matcher(markdown);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    private static List<Path> docs() {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
