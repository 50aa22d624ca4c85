package org.tongban.certificates;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue of certificate types (证照目录). It is reference data that changes by migration only, so it is read
 * once per node.
 */
@Service
public class CertificateTypes {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final JdbcTemplate jdbc;
    private volatile Map<String, CertificateType> types;

    CertificateTypes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<CertificateType> all() {
        return List.copyOf(types().values());
    }

    /** @throws CertificateRefusedException {@code certificates.type.unknown} (404) */
    public CertificateType get(String code) {
        CertificateType type = types().get(code);
        if (type == null) {
            throw CertificateRefusedException.notFound("certificates.type.unknown", code);
        }
        return type;
    }

    /**
     * The type whose name is a catalogue item's result name (办理结果名称), e.g. "营业执照" — how a listener on a granted
     * case finds what to issue. Empty when the result is not an e-certificate type.
     */
    public java.util.Optional<CertificateType> forResult(String resultName) {
        String name = resultName == null ? "" : resultName.strip();
        return types().values().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private Map<String, CertificateType> types() {
        Map<String, CertificateType> loaded = types;
        if (loaded == null) {
            loaded = jdbc.query("select * from certificates_type order by code", (rs, n) -> new CertificateType(
                    rs.getString("code"), rs.getString("name"), rs.getString("name_en"),
                    rs.getString("ministry_name"), rs.getString("ministry_code"), rs.getString("issuer_category"),
                    HolderKind.valueOf(rs.getString("holder_kind")),
                    JSON.readValue(rs.getString("fields"), new TypeReference<List<CertificateType.MetadataField>>() {
                    }), (Integer) rs.getObject("validity_years"), rs.getInt("renewal_lead_days"),
                    rs.getString("template"))).stream()
                    .collect(Collectors.toMap(CertificateType::code, Function.identity(), (a, b) -> a,
                            java.util.LinkedHashMap::new));
            types = loaded;
        }
        return loaded;
    }
}
