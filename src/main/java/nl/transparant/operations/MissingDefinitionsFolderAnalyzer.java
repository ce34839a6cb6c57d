package nl.transparant.operations;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start that fails on a missing processes or policies folder says which and where, without a stack trace. */
public class MissingDefinitionsFolderAnalyzer extends AbstractFailureAnalyzer<BundledDefinitions.MissingDefinitionsFolder> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BundledDefinitions.MissingDefinitionsFolder cause) {
        return new FailureAnalysis("The folder " + cause.folder() + " (" + cause.property() + ") does not exist.",
                "Create it with your BPMN, DMN and policy files, point " + cause.property()
                        + " at the folder that has them, or leave the setting out to use the product's own.", cause);
    }
}
