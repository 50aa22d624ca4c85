package org.tongban.supervision.web;

/** The consultation/complaint/report form as typed: every field comes back when something is wrong. */
public class PetitionForm {
    private String kind = "";
    private String subject = "";
    private String itemCode = "";
    private String caseNumber = "";
    private String bodyId = "";
    private String bodyQuery = "";
    private String text = "";
    private String phone = "";
    private String code = "";

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getItemCode() { return itemCode; }
    public void setItemCode(String itemCode) { this.itemCode = itemCode; }
    public String getCaseNumber() { return caseNumber; }
    public void setCaseNumber(String caseNumber) { this.caseNumber = caseNumber; }
    public String getBodyId() { return bodyId; }
    public void setBodyId(String bodyId) { this.bodyId = bodyId; }
    public String getBodyQuery() { return bodyQuery; }
    public void setBodyQuery(String bodyQuery) { this.bodyQuery = bodyQuery; }
    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
}
