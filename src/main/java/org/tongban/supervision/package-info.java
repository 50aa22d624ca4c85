/**
 * Electronic supervision (电子监察): yellow (deadline near) and red (overdue) lights raised from the case engine's
 * deadline events, and bad ratings from evaluation, per case, body and division; supervisors see those of their
 * division and below, follow each case's record and mark warnings handled with a note; anomaly rules turn case events
 * into findings with evidence that supervisors confirm or dismiss; anyone may file a consultation, complaint or report
 * (咨询/投诉/举报) that is routed to the responsible body, answered and rated. Rules: DOMAIN.md §3, §4, §6, §8.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Supervision",
        allowedDependencies = { "shared", "platform", "organization", "identity", "catalog", "cases", "evaluation" })
package org.tongban.supervision;
