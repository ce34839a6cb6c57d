package nl.transparant.workflow;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * What a deployed process may run: the product's own Java code and expressions, never a script (JavaScript, Groovy,
 * {@code camunda:script}, a script task, a scripted condition) and never a class outside the product's package.
 * Definitions only come from {@code processes/} and {@code policies/}; this rule keeps a file there (or anything that
 * got past the deployment refusal) from turning the engine into a way to run arbitrary code on the server. The
 * product's files need neither; expressions are limited to the product's beans by {@link ProductBeans}.
 */
class DeployedFileRules extends AbstractBpmnParseListener {

    static final String PRODUCT_PACKAGE = "nl.transparant.";

    /** Camunda attributes that name a Java class the engine instantiates. */
    private static final Set<String> CLASS_ATTRIBUTES = Set.of("class", "variableMappingClass", "formHandlerClass");

    @Override
    public void parseProcess(Element process, ProcessDefinitionEntity definition) {
        check(process, definition.getKey());
    }

    private static void check(Element element, String processKey) {
        String tag = element.getTagName();
        if (tag.equals("scriptTask") || tag.equals("script")) {
            refuse(processKey, element, "a script (" + tag + ")");
        }
        for (String attribute : element.attributes()) {
            String name = localName(attribute);
            String value = element.attribute(attribute);
            if (CLASS_ATTRIBUTES.contains(name) && value != null && !value.startsWith(PRODUCT_PACKAGE)) {
                refuse(processKey, element, "class " + value + ", outside " + PRODUCT_PACKAGE + "*");
            }
            // a scripted condition or a script resource: <conditionExpression language="javascript">, camunda:resource
            if (name.equals("language") || name.equals("scriptFormat") || name.equals("resource")) {
                refuse(processKey, element, "a script (" + name + "=" + value + ")");
            }
        }
        List<Element> children = element.elements();
        for (Element child : children) {
            check(child, processKey);
        }
    }

    /** Attribute keys of Camunda's XML elements are "namespace:name" for namespaced attributes. */
    private static String localName(String attribute) {
        int colon = attribute.lastIndexOf(':');
        return colon < 0 ? attribute : attribute.substring(colon + 1);
    }

    private static void refuse(String processKey, Element element, String what) {
        throw new ProcessEngineException("Process " + processKey + " is not deployed: line " + element.getLine() + " names " + what
                + ". Deployed processes run the product's own code only.");
    }
}
