package org.tongban.cases;

/** What an officer may do with a task; which ones a task offers depends on its node (see {@link CaseProcessing}). */
public enum TaskAction {
    /** 同意 / 通过: the case moves to the next node (for a branch: the branch is done). */
    APPROVE,
    /** 不同意: the review finds the licence cannot be granted; the decision must then be a refusal. */
    REJECT,
    /** 退回: back to an earlier node the definition allows. */
    RETURN,
    /** 准予许可 */
    GRANT,
    /** 不予许可: with reasons, legal basis and the remedies open to the applicant (行政许可法 Art. 38). */
    REFUSE,
    /** Starts a special procedure (特别程序, Art. 45): the clock stops. */
    SPECIAL_START,
    /** Ends the special procedure: the clock runs again, the deadlines move by the days excluded. */
    SPECIAL_END,
    /** Asks the head of the body for the one extension the law allows (Art. 42). */
    EXTENSION_REQUEST
}
