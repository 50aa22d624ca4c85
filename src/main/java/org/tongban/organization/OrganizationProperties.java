package org.tongban.organization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tongban.shared.DivisionCode;

/**
 * @param province the province this platform serves (GB/T 2260 code); the portal starts there
 */
@ConfigurationProperties("tongban.organization")
public record OrganizationProperties(@DefaultValue("210000") String province) {

    public OrganizationProperties {
        if (DivisionCode.of(province).level() != org.tongban.shared.DivisionLevel.PROVINCE) {
            throw new org.tongban.shared.InvalidValueException("organization.province.level", province, province);
        }
    }

    public DivisionCode provinceCode() {
        return DivisionCode.of(province);
    }
}
