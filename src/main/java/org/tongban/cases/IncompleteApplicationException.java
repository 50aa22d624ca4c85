package org.tongban.cases;

import java.util.List;

/**
 * Submission refused because fields are invalid or required materials are missing; lists every problem at once so
 * the applicant fixes them in one go.
 */
public class IncompleteApplicationException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public IncompleteApplicationException(List<FieldProblem> problems) {
        super("case.application.incomplete " + problems.stream().map(FieldProblem::field).toList());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
