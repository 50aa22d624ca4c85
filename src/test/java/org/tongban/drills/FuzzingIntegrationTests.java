package org.tongban.drills;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;
import org.tongban.TongbanIntegrationTest;
import org.tongban.drills.AccessRules.Citizens;
import org.tongban.drills.AccessRules.Rule;
import org.tongban.identity.SignedIn;
import org.tongban.identity.StaffRole;

import tools.jackson.databind.JsonNode;

/**
 * Fuzzing drill (issue 10): every endpoint Spring maps, called by a caller it allows, with one hostile input at a
 * time, generated from its handler's signature — each path variable, each request parameter, each field of a form
 * or JSON body, the body as a whole (malformed, wrong type, nested too deep, invalid UTF-8, wrong content type) and
 * each uploaded file (path traversal and markup in its name, polyglots, a decompression bomb, empty). Whatever the
 * input, the answer must not be a 5xx; an API rejection must be an RFC 9457 problem with a stable {@code code}; a
 * page's rejection must be a page; and no page may echo the injected script unescaped.
 */
@TongbanIntegrationTest
class FuzzingIntegrationTests {

    static final String SCRIPT = "<script>alert('tongban')</script>";
    /** One of each kind of hostile text: injection, markup, traversal, numbers out of range, control and broken characters, size. */
    static final List<String> HOSTILE = List.of("' OR 1=1; DROP TABLE identity_account; --", SCRIPT + "[[${7*7}]]",
            "../../../../etc/passwd", "99999999999999999999999999999999", "-2147483649", "\u0000\uFFFF\uD800x",
            "a".repeat(10_000), "");
    /** Hostile path segments, already encoded as they travel (%C3%28 is invalid UTF-8). */
    static final List<String> HOSTILE_PATH = List.of("%27%20OR%201%3D1--", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
            "..%2F..%2Fetc%2Fpasswd", "99999999999999999999999", "%C3%28", "%00", "a".repeat(3_000));

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    /** Would change signing keys, client secrets or the demo item the rest of the suite relies on. */
    private static final Set<String> NOT_FUZZED = Set.of("POST /account/sessions/end-all");

    @Test
    void noHostileInputGetsAServerErrorAndEveryRejectionIsAProblemOrAPage() throws Exception {
        Drill drill = new Drill(mvc, context);
        AccessRules rules = new AccessRules();
        List<Endpoint> endpoints = new ArrayList<>(Endpoint.all(mapping));
        endpoints.sort(Comparator.comparing((Endpoint e) -> e.method().equals("DELETE")
                || e.pattern().matches(".*/(delete|withdraw|withdrawal|revoke|deactivate|deactivation)$") ? 1 : 0)
                .thenComparing(Endpoint::key));
        List<String> failures = new ArrayList<>();
        Map<String, Long> millis = new LinkedHashMap<>();
        int cases = 0;
        int fuzzed = 0;
        for (Endpoint endpoint : endpoints) {
            Rule rule = rules.rule(endpoint.key());
            if (rule == null || rule.internal || rule.denyOnly || NOT_FUZZED.contains(endpoint.key())) {
                continue;
            }
            fuzzed++;
            SignedIn caller = caller(rule, drill);
            Drill.Call base = drill.call(endpoint);
            List<Variant> variants = variants(endpoint, base);
            long started = System.nanoTime();
            for (Variant variant : variants) {
                cases++;
                MvcResult result;
                try {
                    result = drill.perform(variant.call, caller);
                } catch (Exception e) {
                    failures.add(endpoint.key() + " " + variant.name + ": " + e);
                    continue;
                }
                String problem = check(endpoint, result);
                if (problem != null) {
                    failures.add(endpoint.key() + " " + variant.name + " as " + Drill.name(caller) + ": " + problem);
                }
            }
            millis.put(endpoint.key() + " (" + variants.size() + " cases)", (System.nanoTime() - started) / 1_000_000);
        }
        millis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> System.out.println("DRILL slowest: " + e.getKey() + " " + e.getValue() + " ms"));
        System.out.printf("DRILL fuzzing: %d endpoints, %d endpoint × input cases, %d failures%n", fuzzed, cases,
                failures.size());
        failures.forEach(f -> System.out.println("DRILL FAIL " + f.substring(0, Math.min(f.length(), 400))));
        assertThat(failures).as("hostile inputs answered wrongly").isEmpty();
    }

    private static SignedIn caller(Rule rule, Drill drill) {
        if (rule.citizens == Citizens.OWNER || rule.citizens == Citizens.SELF) {
            return drill.a;
        }
        if (!rule.staff.isEmpty() && rule.citizens != Citizens.PUBLIC) {
            return drill.staff(rule.staff.iterator().next(), rule.home);
        }
        if (rule.citizens == Citizens.PUBLIC) {
            return null;
        }
        return drill.staff(StaffRole.WINDOW_OFFICER, rule.home);
    }

    /** What is wrong with this answer to a hostile input, or {@code null}. */
    private static String check(Endpoint endpoint, MvcResult result) throws Exception {
        int status = result.getResponse().getStatus();
        String type = result.getResponse().getContentType();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        if (status >= 500) {
            return status + " " + body.substring(0, Math.min(body.length(), 200));
        }
        if (type != null && type.startsWith("text/html") && body.contains(SCRIPT)) {
            return status + " the page echoes the injected script unescaped";
        }
        if (status >= 400 && endpoint.api()) {
            if (type == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
                return status + " not a problem detail but " + type;
            }
            JsonNode problem = Drill.JSON.readTree(body);
            if (!problem.hasNonNull("code") || problem.get("status") == null) {
                return status + " a problem detail without a code: " + body;
            }
        } else if (status >= 400 && (type == null || !type.startsWith("text/html"))
                && !endpoint.pattern().startsWith("/v3/") && !body.isEmpty()) {
            return status + " a page's rejection that is not a page but " + type;
        }
        return null;
    }

    private record Variant(String name, Drill.Call call) {
    }

    private static List<Variant> variants(Endpoint endpoint, Drill.Call base) throws IOException {
        List<Variant> variants = new ArrayList<>();
        for (String variable : base.path.keySet()) {
            for (String value : HOSTILE_PATH) {
                Drill.Call call = base.copy();
                call.path.put(variable, value);
                variants.add(new Variant("{" + variable + "}=" + shorten(value), call));
            }
        }
        for (String name : parameters(endpoint)) {
            for (String value : HOSTILE) {
                Drill.Call call = base.copy();
                call.params.put(name, value);
                variants.add(new Variant(name + "=" + shorten(value), call));
            }
        }
        // Bytes that are not UTF-8 in a parameter (forms and queries alike).
        if (!parameters(endpoint).isEmpty()) {
            Drill.Call call = base.copy();
            call.rawQuery = UriUtils.encodeQueryParam(parameters(endpoint).get(0), StandardCharsets.UTF_8) + "=%C3%28%FF";
            variants.add(new Variant("invalid UTF-8 parameter", call));
        }
        if (base.body != null && MediaType.APPLICATION_JSON_VALUE.equals(base.contentType)) {
            Map<String, byte[]> bodies = new LinkedHashMap<>();
            bodies.put("truncated JSON", "{\"a\":".getBytes(StandardCharsets.UTF_8));
            bodies.put("JSON array", "[]".getBytes(StandardCharsets.UTF_8));
            bodies.put("JSON string", "\"x\"".getBytes(StandardCharsets.UTF_8));
            bodies.put("JSON null", "null".getBytes(StandardCharsets.UTF_8));
            bodies.put("empty body", new byte[0]);
            bodies.put("nested 5,000 deep", ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
            bodies.put("invalid UTF-8", new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', (byte) 0xFF, '"', '}' });
            bodies.put("huge number", "{\"a\":1e999999999}".getBytes(StandardCharsets.UTF_8));
            JsonNode sample = Drill.JSON.readTree(base.body);
            if (sample.isObject()) {
                for (String field : sample.propertyNames()) {
                    for (Object value : List.of(SCRIPT, "a".repeat(100_000), new java.math.BigDecimal("-1e400"),
                            Map.of("nested", List.of(1, 2)))) {
                        var copy = Drill.JSON.readTree(base.body).deepCopy();
                        ((tools.jackson.databind.node.ObjectNode) copy).set(field, Drill.JSON.valueToTree(value));
                        bodies.put(field + "=" + shorten(String.valueOf(value)), Drill.JSON.writeValueAsBytes(copy));
                    }
                }
            }
            bodies.forEach((name, bytes) -> {
                Drill.Call call = base.copy();
                call.body = bytes;
                variants.add(new Variant("body " + name, call));
            });
            Drill.Call wrongType = base.copy();
            wrongType.contentType = MediaType.TEXT_PLAIN_VALUE;
            variants.add(new Variant("body as text/plain", wrongType));
            Drill.Call xml = base.copy();
            xml.contentType = MediaType.APPLICATION_XML_VALUE;
            xml.body = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"
                    .getBytes(StandardCharsets.UTF_8);
            variants.add(new Variant("body as XML with an external entity", xml));
        }
        if (base.file != null) {
            String part = base.file.getName();
            byte[] pdf = Drill.pdf();
            List<MockMultipartFile> files = List.of(
                    new MockMultipartFile(part, "../../../../etc/passwd", "application/pdf", pdf),
                    new MockMultipartFile(part, SCRIPT + ".pdf", "application/pdf", pdf),
                    new MockMultipartFile(part, "gif-script.pdf", "application/pdf",
                            "GIF89a/*\u0000*/=0;alert('tongban');//".getBytes(StandardCharsets.ISO_8859_1)),
                    new MockMultipartFile(part, "pdf-zip.pdf", "application/pdf", concat(pdf, bomb(1))),
                    new MockMultipartFile(part, "bomb.xlsx",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bomb(200)),
                    new MockMultipartFile(part, "bomb.ofd", "application/zip", bomb(200)),
                    new MockMultipartFile(part, "empty.pdf", "application/pdf", new byte[0]),
                    new MockMultipartFile(part, "", "application/octet-stream", pdf),
                    new MockMultipartFile(part, "material.exe", "application/x-msdownload", "MZ\u0090".getBytes(
                            StandardCharsets.ISO_8859_1)));
            for (MockMultipartFile file : files) {
                Drill.Call call = base.copy();
                call.file = file;
                variants.add(new Variant("file " + shorten(file.getOriginalFilename()) + " (" + file.getSize()
                        + " bytes)", call));
            }
            Drill.Call missing = base.copy();
            missing.file = new MockMultipartFile("not-" + part, "x.pdf", "application/pdf", pdf);
            variants.add(new Variant("file missing", missing));
        }
        if (variants.isEmpty()) {
            // Nothing to vary: call it as it is (it must still answer without a 5xx).
            variants.add(new Variant("as is", base));
        }
        return variants;
    }

    /** The names of the request parameters and form fields the handler takes (not files). */
    private static List<String> parameters(Endpoint endpoint) {
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (param != null && !MultipartFile.class.isAssignableFrom(type)) {
                if (Map.class.isAssignableFrom(type)) {
                    names.add("values[drill.field]");
                } else {
                    names.add(Drill.paramName(param, parameter));
                }
            } else if (parameter.hasParameterAnnotation(ModelAttribute.class)) {
                for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
                    if (property.getWriteMethod() != null) {
                        names.add(property.getName());
                    }
                }
            }
        }
        return names;
    }

    /** Printable: long values cut, control and broken characters as escapes. */
    static String shorten(String value) {
        StringBuilder shown = new StringBuilder();
        value.chars().limit(value.length() > 40 ? 20 : 40).forEach(c -> shown.append(
                Character.isISOControl(c) || Character.isSurrogate((char) c) || c == 0xFFFF
                        ? "\\u%04X".formatted(c) : String.valueOf((char) c)));
        return value.length() > 40 ? shown + "…(" + value.length() + ")" : shown.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A zip whose entries inflate to {@code megabytes} MB of zeros (about 1,000 : 1). */
    private static final Map<Integer, byte[]> BOMBS = new java.util.concurrent.ConcurrentHashMap<>();

    static byte[] bomb(int megabytes) {
        return BOMBS.computeIfAbsent(megabytes, mb -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (ZipOutputStream zip = new ZipOutputStream(out)) {
                    byte[] zeros = new byte[1 << 20];
                    for (String entry : List.of("OFD.xml", "xl/workbook.xml", "[Content_Types].xml")) {
                        zip.putNextEntry(new ZipEntry(entry));
                        for (int i = 0; i < mb / 3 + 1; i++) {
                            zip.write(zeros);
                        }
                        zip.closeEntry();
                    }
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
