package org.tongban.cases;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The licensing decision was made (准予 / 不予许可, 行政许可法 Art. 38). Listeners such as certificates issue the result
 * named by the guide when {@code outcome} is {@code GRANTED}.
 *
 * @param applicantAccount the person who applied; {@code companyAccount}/{@code companyCreditCode} the company they
 *        applied for, if any (the subject of the licence)
 * @param resultType the guide's result type ({@code LICENCE}, {@code APPROVAL} ...)
 */
public record CaseDecided(UUID applicationId, String caseNumber, String itemCode, UUID bodyId, String bodyName,
        UUID applicantAccount, String applicantName, UUID companyAccount, String companyCreditCode, String outcome,
        String decisionNumber, LocalDate decidedOn, String resultType, String resultName) {
}
