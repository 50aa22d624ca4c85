package org.tongban.cases;

import java.util.List;

/** A delivery choice or a delivery record with invalid fields (422, {@code cases.delivery.invalid}), each named. */
public class InvalidDeliveryException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidDeliveryException(List<FieldProblem> problems) {
        super("cases.delivery.invalid " + problems.stream().map(FieldProblem::field).toList());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
