package org.tongban.certificates;

import java.util.List;

/**
 * Why the module refused a request: a stable code (also the message key), its arguments, the kind of refusal that
 * decides the HTTP status, and the fields at fault when the request was a form.
 */
public class CertificateRefusedException extends RuntimeException {

    /** The kind of refusal: 400, 401, 403, 404, 409 or 422. */
    public enum Reason { BAD_REQUEST, SIGN_IN, FORBIDDEN, NOT_FOUND, CONFLICT, RULE }

    /** A field that was wrong, with its own code and arguments. */
    public record FieldProblem(String field, String code, Object... arguments) {
    }

    private final Reason reason;
    private final String code;
    private final transient Object[] arguments;
    private final transient List<FieldProblem> fields;

    public CertificateRefusedException(Reason reason, String code, List<FieldProblem> fields, Object... arguments) {
        super(code);
        this.reason = reason;
        this.code = code;
        this.arguments = arguments.clone();
        this.fields = List.copyOf(fields);
    }

    public static CertificateRefusedException badRequest(String code, Object... arguments) {
        return new CertificateRefusedException(Reason.BAD_REQUEST, code, List.of(), arguments);
    }

    public static CertificateRefusedException forbidden(String code, Object... arguments) {
        return new CertificateRefusedException(Reason.FORBIDDEN, code, List.of(), arguments);
    }

    public static CertificateRefusedException notFound(String code, Object... arguments) {
        return new CertificateRefusedException(Reason.NOT_FOUND, code, List.of(), arguments);
    }

    public static CertificateRefusedException conflict(String code, Object... arguments) {
        return new CertificateRefusedException(Reason.CONFLICT, code, List.of(), arguments);
    }

    public static CertificateRefusedException rule(String code, Object... arguments) {
        return new CertificateRefusedException(Reason.RULE, code, List.of(), arguments);
    }

    public static CertificateRefusedException invalid(List<FieldProblem> fields) {
        return new CertificateRefusedException(Reason.RULE, "certificates.data.invalid", fields, fields.size());
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    public List<FieldProblem> fields() {
        return fields;
    }
}
