package nl.transparant.workflow;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one place where the application shapes the engine: the case's organisation becomes the tenant of
 * its process instance (shared process definitions, per-organisation instances), and every process is
 * wired by {@link CaseLifecycleParseListener}, and every policy evaluation is reported by {@link PolicyEvaluationListener}.
 */
@Component
class TransparantEnginePlugin extends AbstractProcessEnginePlugin {

    private final ApplicationEventPublisher events;
    private final FourEyes fourEyes;

    TransparantEnginePlugin(ApplicationEventPublisher events, FourEyes fourEyes) {
        this.events = events;
        this.fourEyes = fourEyes;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(new OrganisationAsTenant());
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<BpmnParseListener>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new CaseLifecycleParseListener(new CaseStageListener(events),
                new TaskAssignmentListener(events), fourEyes).reportingPriorConsultation(new PriorConsultationListener(events)));
        if (configuration.getDmnEngineConfiguration() == null) {
            configuration.setDmnEngineConfiguration(
                    (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration());
        }
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
        List<DmnDecisionTableEvaluationListener> listeners = new ArrayList<>();
        if (dmn.getCustomPostDecisionTableEvaluationListeners() != null) {
            listeners.addAll(dmn.getCustomPostDecisionTableEvaluationListeners());
        }
        listeners.add(new PolicyEvaluationListener(events));
        dmn.setCustomPostDecisionTableEvaluationListeners(listeners);
    }

    static class OrganisationAsTenant implements TenantIdProvider {

        @Override
        public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
            Object organisation = context.getVariables().get(ProcessVariables.ORGANISATION);
            return organisation == null ? null : organisation.toString();
        }

        @Override
        public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
            return null;
        }

        @Override
        public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
            return context.getExecution() == null ? null : context.getExecution().getTenantId();
        }
    }
}
