package org.tongban.cases;

import java.util.List;

/** A process definition that may not be published: every problem found (422, {@code cases.definition.invalid}). */
public class InvalidProcessDefinitionException extends RuntimeException {

    private final transient List<ProcessDefinition.Problem> problems;

    public InvalidProcessDefinitionException(List<ProcessDefinition.Problem> problems) {
        super("cases.definition.invalid " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<ProcessDefinition.Problem> problems() {
        return problems;
    }
}
