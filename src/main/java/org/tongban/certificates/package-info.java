/**
 * Electronic certificates (电子证照): the catalogue of certificate types, issuance with a GB/T 36904 identifier
 * and an SM2/SM3 signature of the issuing body (keys certified by the platform root CA), the lifecycle (suspend,
 * revoke, renew as a new version), the holder's wallet (我的证照), public verification, and authorized use (用证)
 * with a stated purpose, logged and visible to the holder. Rules: DOMAIN.md §7 and §10; 国务院令第716号 Art. 10.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Certificates",
        allowedDependencies = { "shared", "platform", "organization", "identity", "cases", "exchange" })
package org.tongban.certificates;
