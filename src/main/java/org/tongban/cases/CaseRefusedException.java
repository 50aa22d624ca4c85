package org.tongban.cases;

import org.tongban.platform.web.RefusedException;

/**
 * A request about an application that its current state or the rules refuse (see {@link RefusedException} for the
 * code and the status its {@link Reason} gives).
 */
public class CaseRefusedException extends RefusedException {

    public CaseRefusedException(Reason reason, String code, Object... arguments) {
        super(reason, code, arguments);
    }

    public static CaseRefusedException conflict(String code, Object... arguments) {
        return new CaseRefusedException(Reason.CONFLICT, code, arguments);
    }

    public static CaseRefusedException rule(String code, Object... arguments) {
        return new CaseRefusedException(Reason.RULE, code, arguments);
    }

    public static CaseRefusedException forbidden(String code, Object... arguments) {
        return new CaseRefusedException(Reason.FORBIDDEN, code, arguments);
    }
}
