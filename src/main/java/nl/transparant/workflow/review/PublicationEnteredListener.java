package nl.transparant.workflow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * Taken with every sequence flow into the publication ({@value ReviewProcess#PUBLISH_ACTIVITY}): tells
 * {@link PublicationJobs} that this transaction left the instance's publication job, so that only the completion that
 * released the case looks for the job to run it at once. Whatever route the BPMN takes to the publication, the flow
 * into it is taken in the transaction that writes the job (the publication is asynchronous before it starts).
 */
public class PublicationEnteredListener implements ExecutionListener {

    /** Whether a sequence flow into this activity of a process should report. */
    public static boolean leadsToPublication(String targetActivityId) {
        return ReviewProcess.PUBLISH_ACTIVITY.equals(targetActivityId);
    }

    @Override
    public void notify(DelegateExecution execution) {
        PublicationJobs.entered(execution.getProcessInstanceId());
    }
}
