package org.tongban.evaluation.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.tongban.evaluation.EvaluationProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EvaluationProperties.class)
class EvaluationConfiguration {
}
