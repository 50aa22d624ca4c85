package org.tongban.supervision;

import org.tongban.platform.web.RefusedException;

/** A supervision action that is not allowed; {@code code} is the stable problem code. */
public class SupervisionRefusedException extends RefusedException {

    public SupervisionRefusedException(Reason reason, String code, Object... arguments) {
        super(reason, code, arguments);
    }
}
