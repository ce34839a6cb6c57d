package nl.transparant.workflow;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * On shutdown the engine stops acquiring jobs; the jobs it is running must be allowed to finish their transaction.
 * The Camunda starter's thread pool would interrupt them (Spring's default), leaving each locked until its lock
 * expires. Like the web server's graceful shutdown (application.yml) it waits up to 30 s.
 */
@Component
class JobExecutorShutdown implements BeanPostProcessor {

    static final String CAMUNDA_TASK_EXECUTOR = "camundaTaskExecutor";
    static final int AWAIT_SECONDS = 30;

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (CAMUNDA_TASK_EXECUTOR.equals(beanName) && bean instanceof ThreadPoolTaskExecutor pool) {
            letRunningJobsFinish(pool);
        }
        return bean;
    }

    static void letRunningJobsFinish(ThreadPoolTaskExecutor pool) {
        pool.setWaitForTasksToCompleteOnShutdown(true);
        pool.setAwaitTerminationSeconds(AWAIT_SECONDS);
    }
}
