package org.tongban.cases;

import java.util.List;

/** A form definition that may not be published: every problem found (422, {@code cases.form-definition.invalid}). */
public class InvalidFormDefinitionException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidFormDefinitionException(List<FieldProblem> problems) {
        super("cases.form-definition.invalid " + problems.stream().map(FieldProblem::code).toList());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
