/**
 * Cases (办件): online applications (在线申报) on the forms of the implementation items, drafts, materials,
 * submission with a case number, the window officer's pre-review and acceptance decision (受理 / 补正 / 不予受理,
 * 行政许可法 Art. 32) with its 5-working-day clock and acceptance by operation of law, and the applicant's own
 * view of every case. Rules: DOMAIN.md §4–§5.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Cases",
        allowedDependencies = { "shared", "platform", "organization", "catalog", "identity", "exchange" })
package org.tongban.cases;
