/**
 * Ratings (政务服务"好差评", 国办发〔2019〕51号; GB/T 39734/39735-2020): the applicant rates a case once (一事一评)
 * on five levels with reasons and free text after acceptance, decision or completion; a bad rating opens a
 * rectification (return visit, then rectification or explanation, on the working-day calendar) that the responsible
 * body answers and after which the rater may rate once more. Publishes {@link org.tongban.evaluation.BadRatingReceived}.
 * Rules: DOMAIN.md §6.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Evaluation",
        allowedDependencies = { "shared", "platform", "identity", "organization", "cases", "catalog" })
package org.tongban.evaluation;
