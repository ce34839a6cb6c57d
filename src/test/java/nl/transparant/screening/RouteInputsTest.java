package nl.transparant.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentOutcome;
import nl.transparant.assessment.DefinitionId;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The route's known values are declared once (RouteInputs); the DMN and the run time both hold to them. */
class RouteInputsTest {

    @Test
    void everyValueTheReviewRouteComparesWithIsDeclaredAndEveryBooleanInputIsBooleanInTheTable() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document dmn = factory.newDocumentBuilder().parse(Path.of("policies/review-route.dmn").toFile());
        NodeList inputs = dmn.getElementsByTagNameNS("*", "input");
        NodeList rules = dmn.getElementsByTagNameNS("*", "rule");
        assertThat(rules.getLength()).isPositive();
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < inputs.getLength(); i++) {
            Element expression = (Element) ((Element) inputs.item(i)).getElementsByTagNameNS("*", "inputExpression").item(0);
            String text = expression.getTextContent().trim();
            if (!RouteInputs.KNOWN.containsKey(text)) {
                continue;
            }
            checked.add(text);
            for (int r = 0; r < rules.getLength(); r++) {
                String entry = ((Element) rules.item(r)).getElementsByTagNameNS("*", "inputEntry").item(i).getTextContent().trim();
                Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(entry);
                while (literal.find()) {
                    assertThat(RouteInputs.KNOWN.get(text)).as("rule %d of input %s", r, text).contains(literal.group(1));
                }
            }
        }
        assertThat(checked).contains("dpiaLevel");
        // The impactful input combines the boolean route inputs with and/or: each of them must be declared boolean.
        String impactful = dmn.getElementById("ie_impactful") == null ? findImpactful(inputs) : dmn.getElementById("ie_impactful").getTextContent();
        for (String input : List.of("directImpactOnCitizens", "personalData", "sensitiveData", "profiling", "automatedDecision")) {
            assertThat(impactful).contains(input);
            assertThat(RouteInputs.KNOWN.get(input)).isSameAs(RouteInputs.BOOLEAN);
        }
    }

    private static String findImpactful(NodeList inputs) {
        for (int i = 0; i < inputs.getLength(); i++) {
            String text = inputs.item(i).getTextContent();
            if (text.contains("directImpactOnCitizens")) {
                return text;
            }
        }
        return "";
    }

    @Test
    void aValueOutsideTheKnownSetAtRunTimeIsAGapNotARouteValue() {
        DefinitionId id = new DefinitionId("urn:test:prescan", "1.0", "0".repeat(64));
        AssessmentDefinition definition = new AssessmentDefinition(id, "t", "t", "t.yaml", List.of(), List.of(), Map.of(), Map.of());
        ScreeningBinding binding = new ScreeningBinding("t", "t.yaml", "x", "t", true, List.of(), null, null, null, null,
                Map.of("directImpactOnCitizens", new ScreeningBinding.FromOutput("impact"),
                        "dpiaLevel", new ScreeningBinding.FromOutput("dpia"),
                        "largeScale", new ScreeningBinding.FromOutput("large")),
                List.of(), Map.of());
        AssessmentOutcome outcome = new AssessmentOutcome(id, Map.of(), List.of(),
                Map.of("impact", "ja", "dpia", "verplicht", "large", true), List.of());

        ScreeningBinding.RouteValues values = binding.routeInputs(definition, outcome);

        assertThat(values.values()).containsOnlyKeys("largeScale");
        assertThat(values.gaps()).anyMatch(g -> g.startsWith("directImpactOnCitizens") && g.contains("not a boolean"))
                .anyMatch(g -> g.startsWith("dpiaLevel") && g.contains("'verplicht'"));
    }
}
