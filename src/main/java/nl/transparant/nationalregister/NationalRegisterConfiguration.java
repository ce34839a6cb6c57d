package nl.transparant.nationalregister;

import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.register.PublicRegister;
import nl.transparant.standard.RegisterFieldsValidator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * The connector exists only when {@code transparant.national-register.enabled=true}: switched off, nothing is queued,
 * nothing is sent, and the deliveries page says so.
 */
@Configuration
@EnableConfigurationProperties(NationalRegisterProperties.class)
class NationalRegisterConfiguration {

    @Bean
    @ConditionalOnProperty(name = "transparant.national-register.enabled", havingValue = "true")
    DeliveryQueue deliveryQueue(Deliveries deliveries) {
        return new DeliveryQueue(deliveries);
    }

    @Bean
    @ConditionalOnProperty(name = "transparant.national-register.enabled", havingValue = "true")
    DeliveryWorker deliveryWorker(Deliveries deliveries, PublicRegister register, RegisterFieldsValidator validator,
            NationalRegisterProperties properties, OrganisationDirectory organisations, TransactionTemplate transactions) {
        required("endpoint", properties.endpoint());
        required("token-uri", properties.tokenUri());
        required("client-id", properties.clientId());
        if (properties.grant() == NationalRegisterProperties.Grant.PASSWORD) {
            required("username", properties.username());
            required("password", properties.password());
        } else {
            required("client-secret", properties.clientSecret());
        }
        return new DeliveryWorker(deliveries, new NationalRegisterClient(properties), register, validator, properties, organisations,
                transactions);
    }

    private static void required(String setting, String value) {
        if (!StringUtils.hasText(value)) {
            throw new IllegalStateException("transparant.national-register." + setting
                    + " is needed when the connector to the national register is enabled");
        }
    }
}
