package org.tongban.supervision;

/** A consultation, complaint or report refused for one field ({@code field}), so pages can show it there. */
public class PetitionRefusedException extends SupervisionRefusedException {

    private final String field;

    public PetitionRefusedException(String field, String code, Object... arguments) {
        super(Reason.RULE, code, arguments);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
