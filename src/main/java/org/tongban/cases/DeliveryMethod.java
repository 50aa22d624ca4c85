package org.tongban.cases;

/**
 * How the applicant receives the result (结果送达方式) of a case: the decision document and, for a licence, the
 * certificate (行政许可法 Art. 44: issued and delivered within 10 working days of the decision).
 */
public enum DeliveryMethod {
    /** 电子送达: the e-certificate in the wallet and the decision document on the case page. */
    ONLINE,
    /** 窗口领取: at the delivery window of a hall of the item's body. */
    PICKUP,
    /** 邮寄送达: by post to the address the applicant gave, where the guide offers mail (邮寄). */
    MAIL
}
