/**
 * Technical foundation shared by every face of the platform: the embedded PostgreSQL of the default mode, the
 * web shell (layout, language switch, error pages), RFC 9457 problem details for the API, and the bookkeeping
 * that makes demo data load exactly once. It holds no business rules.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Platform",
        allowedDependencies = "shared",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.tongban.platform;
