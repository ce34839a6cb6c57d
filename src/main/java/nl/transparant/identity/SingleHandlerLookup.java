package nl.transparant.identity;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring MVC looks a request's handler up once, in its dispatcher, not also in front of the security filters.
 *
 * <p>Spring Security 6 puts a filter before its filter chain that looks up every request's handler among all of Spring
 * MVC's mappings and keeps the answer for its MVC request matchers and MVC-derived CORS settings; the dispatcher then
 * looks the handler up again. This application uses neither: every rule is a plain path pattern
 * ({@link SecurityConfiguration#path}), there is no CORS configuration and no page asks whether a URL would be allowed.
 * The lookup was half of the 29 % of the public reads' time spent finding handlers (issue 14). This restores the
 * security filter chain itself under its bean name. Should a Spring Security version build the bean another way, it is
 * left as it is and the start-up log says so ({@code PublicReadsTest} checks it is plain).
 */
@Configuration
class SingleHandlerLookup {

    private static final Logger log = LoggerFactory.getLogger(SingleHandlerLookup.class);
    static final String FILTER_CHAIN = "springSecurityFilterChain";
    private static final String MVC_WRAPPER = "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration$";

    @Bean
    @SuppressWarnings("unchecked")
    static BeanFactoryPostProcessor securityFiltersWithoutHandlerLookup() {
        return beanFactory -> {
            if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(FILTER_CHAIN)) {
                return;
            }
            BeanDefinition outer = registry.getBeanDefinition(FILTER_CHAIN);
            if (isMvcWrapper(outer)) {
                registry.removeBeanDefinition(FILTER_CHAIN);
                registry.registerBeanDefinition(FILTER_CHAIN, wrapped(outer).get(1));
                return;
            }
            // Spring Security's own wrapper (which parses the request path once for the path patterns) may hold it
            List<BeanDefinition> parts = isWrapper(outer) ? wrapped(outer) : List.of();
            for (int i = 0; i < parts.size(); i++) {
                if (isMvcWrapper(parts.get(i))) {
                    ((List<Object>) outer.getConstructorArgumentValues().getIndexedArgumentValue(0, null).getValue())
                            .set(i, wrapped(parts.get(i)).get(1));
                    return;
                }
            }
            log.warn("Spring Security's filter chain is built in an unexpected way; its handler lookup stays in front of it");
        };
    }

    private static boolean isMvcWrapper(BeanDefinition definition) {
        return isWrapper(definition) && definition.getBeanClassName().startsWith(MVC_WRAPPER) && wrapped(definition).size() == 2;
    }

    private static boolean isWrapper(BeanDefinition definition) {
        return definition.getBeanClassName() != null && definition.getBeanClassName().endsWith("$CompositeFilterChainProxy")
                && !wrapped(definition).isEmpty();
    }

    /** The filters a wrapper was built with, as bean definitions; empty when it was built otherwise. */
    private static List<BeanDefinition> wrapped(BeanDefinition wrapper) {
        ValueHolder filters = wrapper.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
        if (filters == null || !(filters.getValue() instanceof ManagedList<?> list)
                || !list.stream().allMatch(BeanDefinition.class::isInstance)) {
            return List.of();
        }
        return list.stream().map(BeanDefinition.class::cast).toList();
    }
}
