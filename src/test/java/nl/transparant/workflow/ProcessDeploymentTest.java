package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restart deploys the same files again: duplicate filtering finds nothing new, and the application must start
 * all the same (it once failed there on the engine's null list of new definitions).
 */
class ProcessDeploymentTest {

    ProcessEngine engine;

    @BeforeEach
    void engine() {
        engine = WorkflowTestEngine.plain("process-deployment-test", new RecordedEvents());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void deployingUnchangedFilesAgainKeepsTheDefinitionsAndDoesNotFail() {
        ProcessDeployment deployment = new ProcessDeployment(engine.getRepositoryService(), Path.of("processes"), Path.of("policies"), new DecisionFiles());
        deployment.deploy();
        long definitions = engine.getRepositoryService().createProcessDefinitionQuery().count();

        assertThatCode(deployment::deploy).doesNotThrowAnyException();

        assertThat(definitions).isPositive();
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().count()).isEqualTo(definitions);
        assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(1);
    }
}
