package nl.transparant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.transparant.support.PublishedEvents;
import org.junit.jupiter.api.Test;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The feature packages only use each other's top-level types and the dependencies their {@code package-info} allows,
 * never in a cycle; and the architecture's documentation in {@code docs/architecture/} is written from the code, so it
 * cannot drift from it.
 */
class ModularityTest {

    /** Tests share the main packages; they may reach across modules, production code may not. */
    static final DescribedPredicate<JavaClass> TEST_CLASSES = DescribedPredicate.describe("test classes",
            type -> type.getSource().map(source -> source.getUri().toString().contains("test-classes")).orElse(false));

    private static final ApplicationModules MODULES = ApplicationModules.of(TransparantApplication.class, TEST_CLASSES);
    private static final Path ARCHITECTURE = Path.of("docs/architecture");

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    /**
     * A module without a declared list may depend on anything, and nobody would notice: every top-level package says
     * which modules it uses (an empty list is a declaration too).
     */
    @Test
    void everyModuleDeclaresTheModulesItMayUse() {
        List<String> undeclared = new ArrayList<>();
        MODULES.stream().forEach(module -> {
            ApplicationModule declared = packageInfo(module.getBasePackage().getName());
            if (declared == null || List.of(declared.allowedDependencies()).contains(ApplicationModule.OPEN_TOKEN)) {
                undeclared.add(module.getBasePackage().getName());
            }
        });
        assertThat(undeclared).as("modules whose package-info declares no allowedDependencies").isEmpty();
    }

    private static ApplicationModule packageInfo(String packageName) {
        try {
            return Class.forName(packageName + ".package-info").getAnnotation(ApplicationModule.class);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /**
     * The process engine is the workflow module's business (so that the engine can be exchanged, e.g. for Operaton,
     * in one place); Spring Modulith checks only our own types, so this rule checks the engine's.
     */
    @Test
    void onlyTheWorkflowModuleUsesTheProcessEngine() {
        JavaClasses production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.transparant");
        noClasses()
                .that().resideOutsideOfPackage("nl.transparant.workflow..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(production);
    }

    /**
     * Spring Modulith's diagrams of all modules and of each one with its neighbours (PlantUML). The Documenter writes
     * relations in no fixed order, so runs of relation and component lines are sorted before they are compared.
     */
    @Test
    void theModuleDiagramsAreCurrent() throws IOException {
        Path written = Path.of("target/spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(written.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        List<String> outdated = new ArrayList<>();
        try (Stream<Path> diagrams = Files.list(written)) {
            for (Path diagram : diagrams.filter(file -> file.toString().endsWith(".puml")).sorted().toList()) {
                Path committed = ARCHITECTURE.resolve("modules").resolve(diagram.getFileName().toString());
                String current = sortedRuns(Files.readString(diagram));
                if (!Files.exists(committed) || !Files.readString(committed).equals(current)) {
                    Files.createDirectories(committed.getParent());
                    Files.writeString(committed, current);
                    outdated.add(committed.toString());
                }
            }
        }
        assertThat(outdated).as("module diagrams that were out of date and have been rewritten: commit them").isEmpty();
    }

    private static String sortedRuns(String plantUml) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : plantUml.split("\n", -1)) {
            if (line.trim().startsWith("Rel(") || line.trim().startsWith("Component(")) {
                run.add(line);
                continue;
            }
            Collections.sort(run);
            out.addAll(run);
            run.clear();
            out.add(line);
        }
        Collections.sort(run);
        out.addAll(run);
        return String.join("\n", out);
    }

    /**
     * Which facts travel between modules: every event type with the classes that create it and the listeners that
     * hear it, with when they hear it. Spring Modulith's own event detection needs jMolecules annotations we do not
     * use, so the catalogue reads the byte code: a publisher is a class that hands the event to {@code publishEvent}
     * ({@link PublishedEvents}, the same reading as the decision log's coverage test).
     */
    @Test
    void theEventCatalogueIsCurrent() throws IOException {
        String catalogue = eventCatalogue();
        Path file = ARCHITECTURE.resolve("events.md");
        String committed = Files.exists(file) ? Files.readString(file) : "";
        if (!committed.equals(catalogue)) {
            Files.writeString(file, catalogue);
        }
        assertThat(committed).as("docs/architecture/events.md was out of date and has been rewritten: commit it")
                .isEqualTo(catalogue);
    }

    private static String eventCatalogue() throws IOException {
        Map<String, Set<String>> publishedBy = PublishedEvents.byEventType();
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.transparant");
        Map<String, Set<String>> listeners = new TreeMap<>();
        Map<String, JavaClass> events = new TreeMap<>();
        for (JavaClass type : classes) {
            for (JavaMethod method : type.getMethods()) {
                String when = method.isAnnotatedWith(TransactionalEventListener.class)
                        ? "after the publisher's transaction: " + method.getAnnotationOfType(TransactionalEventListener.class).phase()
                        : method.isAnnotatedWith(EventListener.class) ? "at once, inside the publisher's transaction" : null;
                if (when == null || method.getRawParameterTypes().isEmpty()) {
                    continue;
                }
                JavaClass event = method.getRawParameterTypes().get(0);
                if (!event.getPackageName().startsWith("nl.transparant")) {
                    continue;
                }
                events.put(name(event), event);
                listeners.computeIfAbsent(name(event), key -> new TreeSet<>())
                        .add("`" + name(type) + "." + method.getName() + "` (" + module(type) + "), " + when);
            }
        }
        // The decision log hears the events it records through one listener on every event and a table of them.
        for (Class<?> recorded : decisionLogTable()) {
            JavaClass event = classes.get(recorded);
            events.put(name(event), event);
            listeners.computeIfAbsent(name(event), key -> new TreeSet<>())
                    .add("`DecisionLogListener.on` (audit), at once, inside the publisher's transaction");
        }
        StringBuilder out = new StringBuilder("""
                # Event catalogue

                Written by `ModularityTest` from the code; do not edit. Facts travel between modules as these events;
                commands are direct calls. A listener that runs inside the publisher's transaction commits or fails with it
                (the decision log relies on that: a record is stored exactly when the change it describes is).

                | event | published by | heard by |
                |---|---|---|
                """);
        events.forEach((eventName, event) -> {
            Set<String> publishers = new TreeSet<>();
            publishedBy.getOrDefault(event.getName(), Set.of()).forEach(publisher -> {
                JavaClass origin = classes.get(publisher);
                publishers.add("`" + name(origin) + "` (" + module(origin) + ")");
            });
            out.append("| `").append(eventName).append("` (").append(module(event)).append(") | ")
                    .append(publishers.isEmpty() ? "(published by nobody)" : String.join(", ", publishers))
                    .append(" | ").append(String.join("<br>", listeners.get(eventName))).append(" |\n");
        });
        return out.toString();
    }

    /** The event types of the audit module's table (package-private there: nobody else needs it), read by reflection. */
    private static List<Class<?>> decisionLogTable() {
        try {
            java.lang.reflect.Method all = Class.forName("nl.transparant.audit.RecordedEvents").getDeclaredMethod("all");
            all.setAccessible(true);
            List<Class<?>> types = new ArrayList<>();
            for (Object row : (List<?>) all.invoke(null)) {
                java.lang.reflect.Method type = row.getClass().getDeclaredMethod("type");
                type.setAccessible(true);
                types.add((Class<?>) type.invoke(row));
            }
            return types;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The decision log's table of recorded events cannot be read", e);
        }
    }

    private static String name(JavaClass type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }

    private static String module(JavaClass type) {
        String relative = type.getPackageName().substring("nl.transparant".length());
        return relative.isEmpty() ? "application" : relative.substring(1).split("\\.")[0];
    }
}
