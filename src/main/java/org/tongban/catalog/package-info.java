/**
 * The service-item catalogue (政务服务事项目录): the basic catalogue (基本目录) that defines each item and its standard
 * province-wide, the implementation lists (实施清单) of the bodies that handle it with their complete guides
 * (办事指南), versions and publication, and Chinese full-text search. Every other part of the platform hangs on it:
 * applications are filed under a published version, officers handle by its rules, supervision measures its
 * promises. Rules: DOMAIN.md §1–§4.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Service-item catalogue",
        allowedDependencies = { "shared", "platform", "organization", "identity" })
package org.tongban.catalog;
