package org.tongban.evaluation;

import org.tongban.platform.web.RefusedException;

/** A rating or rectification action that is not allowed; {@code code} is the stable problem code. */
public class RatingRefusedException extends RefusedException {

    public RatingRefusedException(Reason reason, String code, Object... arguments) {
        super(reason, code, arguments);
    }
}
