/**
 * Electronic supervision (电子监察): yellow (deadline near) and red (overdue) lights raised from the case engine's
 * deadline events, and bad ratings from evaluation, per case, body and division; supervisors see those of their
 * division and below, follow each case's record and mark warnings handled with a note. Rules: DOMAIN.md §4, §6.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Supervision",
        allowedDependencies = { "shared", "platform", "organization", "identity", "cases", "evaluation" })
package org.tongban.supervision;
