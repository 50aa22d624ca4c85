package org.tongban.catalog.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tongban.catalog.CatalogProperties;
import org.tongban.catalog.Deviations;
import org.tongban.catalog.GuideDiff;
import org.tongban.catalog.ImplementationCode;
import org.tongban.catalog.ItemEditing;
import org.tongban.catalog.ItemPublication;
import org.tongban.catalog.ItemSummary;
import org.tongban.catalog.internal.transfer.ImplementationListImport;
import org.tongban.catalog.internal.transfer.ImportJobs;
import org.tongban.catalog.internal.transfer.ImportProblem;
import org.tongban.catalog.internal.transfer.ImportProgress;
import org.tongban.catalog.internal.transfer.TransferFormat;
import org.tongban.identity.SignedIn;
import org.tongban.platform.web.InvalidFieldException;
import org.tongban.platform.web.Problems;
import org.tongban.shared.DivisionCode;
import org.tongban.shared.InvalidValueException;
import org.tongban.shared.NotFoundException;

/**
 * The catalogue administrators' API (role CATALOG_ADMIN): drafts, submission, approval and publication with an
 * effective date, suspension, resumption and repeal, history and diffs, and bulk import. Failures are RFC 9457
 * problems: a bad code or element → 400 naming each field; an unknown item → 404; an action the version's status does
 * not allow → 409; publishing a version that deviates from its standard without justification → 409 listing the
 * deviations.
 */
@RestController
@RequestMapping("/api/v1/catalog/admin")
@Tag(name = "Catalogue administration", description = "Drafts, approval, publication, suspension, repeal and import "
        + "of implementation items (实施清单); role CATALOG_ADMIN, data scope of the administrator's division")
class CatalogAdminApi {

    private final ItemEditing editing;
    private final ItemPublication publication;
    private final ImplementationListImport importer;
    private final ImportJobs jobs;
    private final CatalogProperties properties;
    private final Problems problems;
    private final MessageSource messages;

    CatalogAdminApi(ItemEditing editing, ItemPublication publication, ImplementationListImport importer,
            ImportJobs jobs, CatalogProperties properties, Problems problems, MessageSource messages) {
        this.editing = editing;
        this.publication = publication;
        this.importer = importer;
        this.jobs = jobs;
        this.properties = properties;
        this.problems = problems;
        this.messages = messages;
    }

    private static DivisionCode scope(SignedIn admin) {
        return DivisionCode.of(admin.staffDivision());
    }

    private static ImplementationCode code(String code) {
        return InvalidFieldException.parse("code", () -> ImplementationCode.of(code));
    }

    /** A draft written. */
    record DraftView(UUID id, String code, int version) {
    }

    @PostMapping(value = "/items", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Creates or replaces the draft of an implementation item",
            description = "The body is one item as in the JSON implementation-list file (fields named as in its "
                    + "`items` array). Published versions are never changed: this writes a new draft version, or "
                    + "replaces the item's current draft. 400 lists every field that is wrong.")
    @ApiResponse(responseCode = "201", description = "Draft written")
    @ApiResponse(responseCode = "400", description = "Problems, each naming its field",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<?> draft(@AuthenticationPrincipal SignedIn admin, @RequestBody byte[] item,
            HttpServletRequest request, Locale locale) {
        ItemEditing.Outcome outcome = editing.saveJson(item, scope(admin), admin.accountId());
        if (!outcome.accepted()) {
            return invalid(outcome.problems(), request, locale);
        }
        ItemEditing.Saved saved = outcome.saved();
        return ResponseEntity.created(URI.create("/api/v1/catalog/admin/items/" + saved.code() + "/versions"))
                .body(new DraftView(saved.id(), saved.code(), saved.version()));
    }

    @GetMapping("/items/{code}/versions")
    @Operation(summary = "Every version of an item, newest first, drafts included")
    ItemPublication.History versions(@AuthenticationPrincipal SignedIn admin, @PathVariable String code) {
        return publication.history(code(code), scope(admin));
    }

    @GetMapping("/items/{code}/diff")
    @Operation(summary = "What changed between two versions, element by element")
    List<GuideDiff.Change> diff(@AuthenticationPrincipal SignedIn admin, @PathVariable String code,
            @RequestParam int from, @RequestParam int to) {
        return publication.diff(code(code), from, to, scope(admin), Enum::name);
    }

    @PostMapping("/items/{code}/versions/{version}/submit")
    @Operation(summary = "Submits a draft for approval")
    ItemPublication.Pending submit(@AuthenticationPrincipal SignedIn admin, @PathVariable String code,
            @PathVariable int version) {
        UUID id = publication.idOf(code(code), version, scope(admin));
        return publication.submit(id, admin.accountId(), scope(admin));
    }

    /** Approval: when the version takes effect, and why a deviation is accepted. */
    record Approval(@Schema(description = "ISO date; today when absent. A later date publishes on that day")
            LocalDate effectiveFrom,
            @Schema(description = "Required when the version deviates from its basic item's standard")
            String justification) {
    }

    @PostMapping({ "/items/{code}/versions/{version}/approve", "/items/{code}/versions/{version}/publish" })
    @Operation(summary = "Approves a submitted version and publishes it on its effective date",
            description = "Published at once when the effective date is today or earlier (the version in force is "
                    + "superseded), otherwise on that day. 409 with `deviations` when the version is looser than its "
                    + "standard and no justification is given.")
    @ApiResponse(responseCode = "409", description = "Deviations, or the version is not submitted",
            content = @Content(mediaType = "application/problem+json"))
    ItemSummary approve(@AuthenticationPrincipal SignedIn admin, @PathVariable String code, @PathVariable int version,
            @RequestBody(required = false) Approval approval) {
        UUID id = publication.idOf(code(code), version, scope(admin));
        return publication.approve(id, admin.accountId(), scope(admin),
                approval == null ? null : approval.effectiveFrom(), approval == null ? null : approval.justification());
    }

    /** Why an item is suspended or repealed. */
    record Reason(String reason) {
    }

    @PostMapping("/items/{code}/suspend")
    @Operation(summary = "Suspends (暂停) the item in force, with a reason shown on its guide")
    ResponseEntity<Void> suspend(@AuthenticationPrincipal SignedIn admin, @PathVariable String code,
            @RequestBody(required = false) Reason reason) {
        publication.suspend(code(code), reason == null ? null : reason.reason(), admin.accountId(), scope(admin));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/items/{code}/resume")
    @Operation(summary = "Resumes a suspended item")
    ResponseEntity<Void> resume(@AuthenticationPrincipal SignedIn admin, @PathVariable String code) {
        publication.resume(code(code), admin.accountId(), scope(admin));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/items/{code}/repeal")
    @Operation(summary = "Repeals (取消) the item for good, with a reason; its versions stay citable")
    ResponseEntity<Void> repeal(@AuthenticationPrincipal SignedIn admin, @PathVariable String code,
            @RequestBody(required = false) Reason reason) {
        publication.repeal(code(code), reason == null ? null : reason.reason(), admin.accountId(), scope(admin));
        return ResponseEntity.noContent().build();
    }

    /** An import: the versions written, or where the background job reports. */
    record ImportView(List<ImplementationListImport.Imported> imported, UUID job) {
    }

    @PostMapping(value = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Imports an implementation list (.xlsx or .json) as drafts, all or nothing",
            description = "422 lists every problem with its sheet, row and column. Files of at least "
                    + "`tongban.catalog.background-import-from` are imported in the background: 202 with the job's "
                    + "address to poll.")
    ResponseEntity<?> importFile(@AuthenticationPrincipal SignedIn admin,
            @Parameter(description = "the file") @RequestParam("file") MultipartFile file, HttpServletRequest request,
            Locale locale) throws IOException {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        TransferFormat format = TransferFormat.ofFileName(name).orElseThrow(() -> new InvalidFieldException("file",
                new InvalidValueException("catalog.admin.import.format", name)));
        if (file.getSize() >= properties.backgroundImportFrom().toBytes()) {
            UUID job = jobs.start(file.getBytes(), name, format, admin.accountId(), admin.staffDivision());
            return ResponseEntity.accepted().location(URI.create("/api/v1/catalog/admin/imports/" + job))
                    .body(new ImportView(List.of(), job));
        }
        ImplementationListImport.Outcome outcome;
        try (InputStream in = file.getInputStream()) {
            outcome = importer.importFile(in, format, ImportProgress.NONE);
        }
        if (!outcome.accepted()) {
            ProblemDetail problem = problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, "catalog.admin.import.invalid",
                    new Object[] { outcome.problems().size() }, locale, request);
            problem.setProperty("errors", outcome.problems().stream().map(p -> new FileProblem(p.sheet(), p.row(),
                    p.column(), p.code(), p.describe(messages, locale))).toList());
            return problems.respond(problem);
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(new ImportView(outcome.imported(), null));
    }

    /** A problem of an imported file, where an officer finds it. */
    record FileProblem(String sheet, int row, String column, String code, String message) {
    }

    @GetMapping("/imports/{id}")
    @Operation(summary = "Progress and outcome of a background import")
    ImportJobs.Job job(@AuthenticationPrincipal SignedIn admin, @PathVariable UUID id) {
        return jobs.find(id, admin.accountId())
                .orElseThrow(() -> new NotFoundException("catalog.import.not-found", id));
    }

    private ResponseEntity<ProblemDetail> invalid(List<ImportProblem> found, HttpServletRequest request,
            Locale locale) {
        List<Problems.FieldError> errors = found.stream()
                .map(p -> new Problems.FieldError(field(p), p.code(), p.message(messages, locale))).toList();
        ProblemDetail problem = problems.problem(HttpStatus.BAD_REQUEST, "catalog.admin.item-invalid",
                new Object[] { errors.size() }, locale, request);
        problem.setProperty("field", errors.isEmpty() ? null : errors.getFirst().field());
        problem.setProperty("errors", errors);
        return problems.respond(problem);
    }

    /** The field of a problem in the draft's JSON: {@code basicCode}, {@code materials[0].necessity}. */
    private static String field(ImportProblem problem) {
        String path = problem.sheet().startsWith("$.items[0]") ? problem.sheet().substring("$.items[0]".length())
                : problem.sheet().startsWith("$") ? "" : problem.sheet();
        String column = problem.sheet().startsWith("$") ? problem.column() : "";
        String joined = path.isEmpty() ? column : column.isEmpty() ? path : path + "." + column;
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> wrongStatus(ItemPublication.WrongStatus e, HttpServletRequest request,
            Locale locale) {
        ProblemDetail problem = problems.problem(HttpStatus.CONFLICT, e.code(), new Object[] { e.status() }, locale,
                request);
        problem.setProperty("versionStatus", e.status());
        return problems.respond(problem);
    }

    /** A deviation, with its message in the caller's language. */
    record DeviationView(String code, String element, List<String> arguments, String message) {
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> deviations(ItemPublication.DeviationsFound e, HttpServletRequest request,
            Locale locale) {
        ProblemDetail problem = problems.problem(HttpStatus.CONFLICT, "catalog.publication.deviations",
                new Object[] { e.deviations().size() }, locale, request);
        problem.setProperty("deviations", e.deviations().stream().map((Deviations.Deviation d) -> new DeviationView(
                d.code(), d.element(), d.arguments(),
                messages.getMessage(d.code(), d.arguments().toArray(), d.code(), locale))).toList());
        return problems.respond(problem);
    }
}
