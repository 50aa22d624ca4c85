package org.tongban.cases;

/** Why a field's value was refused: a message-bundle code and its arguments. */
public record FieldProblem(String field, String code, Object... arguments) {
}
