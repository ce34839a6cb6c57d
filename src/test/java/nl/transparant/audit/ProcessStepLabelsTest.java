package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every step of every process a person can see on the auditor's pages (the process, its events, gateways, tasks and
 * sub-processes in {@code processes/*.bpmn}) has a Dutch and an English label, so no element id or English BPMN
 * name stands in for one.
 */
class ProcessStepLabelsTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Set<String> NOT_STEPS = Set.of("definitions", "sequenceFlow", "message", "signal", "error",
            "conditionExpression", "incoming", "outgoing", "extensionElements", "documentation", "timeDuration", "timeDate",
            "timeCycle", "laneSet", "lane", "flowNodeRef", "collaboration", "participant", "messageFlow");

    @Test
    void everyStepOfEveryProcessHasADutchAndAnEnglishLabel() throws Exception {
        Set<String> steps = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> found = Files.list(Path.of("processes"))) {
            files = found.filter(p -> p.toString().endsWith(".bpmn")).toList();
        }
        assertThat(files).isNotEmpty();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        for (Path file : files) {
            NodeList all = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagNameNS(BPMN, "*");
            for (int i = 0; i < all.getLength(); i++) {
                Element element = (Element) all.item(i);
                String kind = element.getLocalName();
                if (!element.getAttribute("id").isEmpty() && !NOT_STEPS.contains(kind) && !kind.endsWith("EventDefinition")) {
                    steps.add(element.getAttribute("id"));
                }
            }
        }
        assertThat(steps).contains("algorithm-review", "preScanLoop", "answerPreScan", "problemReported");
        Properties dutch = load("messages.properties");
        Properties english = load("messages_en.properties");
        for (String step : steps) {
            assertThat(dutch.getProperty("process.element." + step)).as("Dutch label of %s", step).isNotBlank();
            assertThat(english.getProperty("process.element." + step)).as("English label of %s", step).isNotBlank();
        }
    }

    /** The scores the assessments compute (their scoreKey) are named in the reports, not shown as keys. */
    @Test
    void everyScoreOfTheAssessmentsHasADutchAndAnEnglishLabel() throws Exception {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> found = Files.list(Path.of("policies/assessments"))) {
            for (Path file : found.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("scoreKey:\\s*([A-Za-z0-9_]+)").matcher(Files.readString(file));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertThat(keys).contains("risk_before");
        Properties dutch = load("messages.properties");
        Properties english = load("messages_en.properties");
        for (String key : keys) {
            assertThat(dutch.getProperty("report.scoreKey." + key)).as("Dutch label of score %s", key).isNotBlank();
            assertThat(english.getProperty("report.scoreKey." + key)).as("English label of score %s", key).isNotBlank();
        }
    }

    /** The decision log's event types are shown by their words on the auditor's pages and offered so in its filter. */
    @Test
    void everyEventTypeOfTheDecisionLogHasADutchAndAnEnglishLabel() throws Exception {
        Set<String> types = new TreeSet<>();
        RecordedEvents.all().forEach(mapping -> types.add(mapping.recordType()));
        types.add(RefusalRecorder.AUTHORISATION_DENIED);
        types.add(DefinitionRecords.DEFINITION_DEPLOYED);
        types.add(EngineOperationRecords.ENGINE_OPERATION);
        types.add(EngineOperationRecords.EMERGENCY_CHANGE);
        assertThat(types).contains("case-created", "stage-reached", "authorisation-denied");
        Properties dutch = load("messages.properties");
        Properties english = load("messages_en.properties");
        for (String type : types) {
            assertThat(dutch.getProperty("audit.eventType." + type)).as("Dutch label of %s", type).isNotBlank();
            assertThat(english.getProperty("audit.eventType." + type)).as("English label of %s", type).isNotBlank();
        }
    }

    private static Properties load(String bundle) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource(bundle).getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
