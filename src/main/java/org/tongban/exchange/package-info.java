/**
 * Data-sharing exchange (政务信息资源共享交换, 政务数据共享条例 国务院令第809号): the base databases the platform serves
 * (population, legal persons, social credit), the resource catalogue (信息资源目录) with each resource's sharing type
 * and legal basis, sharing requests between bodies, the gateway department systems query for named data items of a
 * named subject for a named purpose and case, and the hash-chained access log every exchange lands in — which the data
 * subject can read. {@link org.tongban.exchange.SharedData} is the once-only (免提交) facade for applications.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Data-sharing exchange",
        allowedDependencies = { "shared", "platform", "organization", "identity" })
package org.tongban.exchange;
