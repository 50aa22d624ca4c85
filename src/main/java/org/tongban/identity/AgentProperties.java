package org.tongban.identity;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxValidity the longest an agent authorization (经办人授权) may run from the day it is granted (local
 *        practice; the legal representative can always revoke earlier)
 */
@ConfigurationProperties("tongban.identity.agents")
public record AgentProperties(@DefaultValue("3y") Period maxValidity) {
}
