package org.tongban.identity.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.tongban.identity.CertificateProperties;
import org.tongban.identity.SmsProperties;

/** Configuration of SMS codes and certificate step-up (documented in the README). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SmsProperties.class, CertificateProperties.class })
class AssuranceConfiguration {
}
