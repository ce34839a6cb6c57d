package nl.transparant.workflow;

import nl.transparant.workflow.review.FourEyes;
import nl.transparant.workflow.review.PriorConsultationListener;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.delegate.DefaultDelegateInterceptor;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one place where the application shapes the engine: the case's organisation becomes the tenant of
 * its process instance (shared process definitions, per-organisation instances), and every process is
 * wired by {@link CaseLifecycleParseListener}, and every policy evaluation is reported by {@link PolicyEvaluationListener}
 * (its FEEL parsed once per expression: {@link PreparedFeelEngine}; a table that cannot decide a case stops it,
 * {@link DecisionsFailClosed}); the job executor finds due jobs by an index
 * ({@link JobsByDueDate}); a four-eyes refusal is logged as the caller's doing, not as a server error
 * ({@link RefusalsAreNotErrors}).
 * Deployed files run only the product's own code: {@link DeployedFileRules} and {@link ProductBeans}.
 */
@Component
class TransparantEnginePlugin extends AbstractProcessEnginePlugin {

    private final ApplicationEventPublisher events;
    private final FourEyes fourEyes;
    private final ApplicationContext context;
    private final DecisionFiles decisionFiles;

    @Autowired
    TransparantEnginePlugin(ApplicationEventPublisher events, FourEyes fourEyes, ApplicationContext context, DecisionFiles decisionFiles) {
        this.events = events;
        this.fourEyes = fourEyes;
        this.context = context;
        this.decisionFiles = decisionFiles;
    }

    /**
     * For an engine without Spring (the workflow tests): the expressions resolve the beans its configuration names, and
     * the tests deploy the decision tables themselves.
     */
    TransparantEnginePlugin(ApplicationEventPublisher events, FourEyes fourEyes) {
        this(events, fourEyes, null, new DecisionFiles());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(new OrganisationAsTenant());
        configuration.setDelegateInterceptor(new DecisionsFailClosed(configuration.getDelegateInterceptor() == null
                ? new DefaultDelegateInterceptor() : configuration.getDelegateInterceptor(), decisionFiles));
        JobsByDueDate.configure(configuration);
        RefusalsAreNotErrors contexts = new RefusalsAreNotErrors();
        contexts.setProcessEngineConfiguration(configuration); // the engine only does this for the factory it makes itself
        configuration.setCommandContextFactory(contexts);
        // expressions resolve the product's beans only; replaces the expression manager Spring set up, which knew every bean
        if (context != null) {
            ProductBeans beans = new ProductBeans(context);
            configuration.setBeans(beans);
            configuration.setExpressionManager(new SpringExpressionManager(context, beans));
        }
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<BpmnParseListener>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new DeployedFileRules());
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
        dmn.setFeelEngineFactory(PreparedFeelEngine.factoryFor(dmn));
    }

    @Override
    public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine engine) {
        JobsByDueDate.prepareTable((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());
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
