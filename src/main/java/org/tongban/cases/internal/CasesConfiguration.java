package org.tongban.cases.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.tongban.cases.CasesProperties;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CasesProperties.class)
@EnableScheduling
class CasesConfiguration {
}
