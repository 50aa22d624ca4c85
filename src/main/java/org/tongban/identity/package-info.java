/**
 * Unified identity authentication (统一身份认证, "一次认证、全网通办"): one account per person for the whole province,
 * staff accounts of the bodies, real-name assurance levels, sign-in with lockout and audit, and the sessions every
 * face of the platform shares. Personal identifiers are encrypted at rest and masked in every view (DOMAIN §8).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Identity",
        allowedDependencies = { "shared", "platform", "organization" })
package org.tongban.identity;
