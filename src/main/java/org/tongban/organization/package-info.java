/**
 * Administrative divisions (行政区划: province, city, county, township, village), the government bodies that
 * implement service items (实施主体), and their service halls (政务服务大厅) and windows. Other modules read them
 * through {@link org.tongban.organization.Organization}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Organization",
        allowedDependencies = { "shared", "platform" })
package org.tongban.organization;
