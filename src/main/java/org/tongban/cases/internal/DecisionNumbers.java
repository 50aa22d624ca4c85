package org.tongban.cases.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tongban.cases.CasesProperties;
import org.tongban.organization.BodySummary;

/**
 * Numbers (文号) of licensing decisions (准予 / 不予行政许可决定书, 行政许可法 Art. 37–38), e.g.
 * {@code 浑南市监许字〔2026〕第00012号}: the deciding body's prefix (机关代字 + 类别), the year in 〔〕 and a sequence per body
 * and year (GB/T 9704-2012 §7.2.4 for the form of 发文字号).
 *
 * <p>The sequence is gap-free: {@link #next} increments the body's row for the year in the caller's transaction and
 * the row stays locked until that transaction ends, so a decision that rolls back gives its number back, and
 * concurrent decisions of one body (on one node or several) wait for each other instead of sharing or skipping a
 * number. Call it inside the decision's transaction, as late as possible.
 */
@Component
public class DecisionNumbers {

    /** Short names (代字) of departments, by how their names end; the first match wins. */
    private static final Map<String, String> DEPARTMENTS = new LinkedHashMap<>();

    static {
        DEPARTMENTS.put("市场监督管理局", "市监");
        DEPARTMENTS.put("市场监督管理厅", "市监");
        DEPARTMENTS.put("营商环境建设局", "营商");
        DEPARTMENTS.put("行政审批局", "审批");
        DEPARTMENTS.put("人力资源和社会保障局", "人社");
        DEPARTMENTS.put("人力资源和社会保障厅", "人社");
        DEPARTMENTS.put("住房和城乡建设局", "住建");
        DEPARTMENTS.put("住房和城乡建设厅", "住建");
        DEPARTMENTS.put("卫生健康委员会", "卫健");
        DEPARTMENTS.put("卫生健康局", "卫健");
        DEPARTMENTS.put("自然资源和规划局", "自然资源");
        DEPARTMENTS.put("自然资源局", "自然资源");
        DEPARTMENTS.put("自然资源厅", "自然资源");
        DEPARTMENTS.put("生态环境局", "环");
        DEPARTMENTS.put("民政局", "民政");
        DEPARTMENTS.put("民政厅", "民政");
        DEPARTMENTS.put("分局", "公");
        DEPARTMENTS.put("公安局", "公");
        DEPARTMENTS.put("公安厅", "公");
        DEPARTMENTS.put("税务局", "税");
        DEPARTMENTS.put("交通运输局", "交");
        DEPARTMENTS.put("农业农村局", "农");
        DEPARTMENTS.put("文化旅游和广播电视局", "文旅");
        DEPARTMENTS.put("文化和旅游局", "文旅");
        DEPARTMENTS.put("便民服务中心", "便民");
    }

    private final JdbcClient jdbc;
    private final CasesProperties.DecisionNumbers properties;

    DecisionNumbers(JdbcClient jdbc, CasesProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties.decisionNumbers();
    }

    /** A number as assigned: the body and year of its sequence, its place in it and its text. */
    public record Assigned(UUID body, int year, int sequence, String number) {
    }

    /** The next number of the body's decision sequence for the year; see the class comment for the transaction. */
    public Assigned next(BodySummary body, int year) {
        int value = jdbc.sql("""
                insert into cases_decision_sequence (body_id, year, last_value) values (?, ?, 1)
                on conflict (body_id, year) do update set last_value = cases_decision_sequence.last_value + 1
                returning last_value""").params(body.id(), year).query(Integer.class).single();
        return new Assigned(body.id(), year, value, format(prefix(body), year, value, properties.digits()));
    }

    /** The configured prefix of the body (by credit code), or the one derived from its name. */
    public String prefix(BodySummary body) {
        String configured = body.creditCode() == null ? null : properties.prefixes().get(body.creditCode());
        return configured != null ? configured.strip() : defaultPrefix(body);
    }

    static String format(String prefix, int year, int sequence, int digits) {
        return prefix + "〔" + year + "〕第" + ("%0" + digits + "d").formatted(sequence) + "号";
    }

    /**
     * 机关代字 + 许字: the place (the body's division without its level, at most two characters, e.g. 浑南 for
     * 沈阳市浑南区) and the department's short name from how the body's name ends (沈阳市浑南区市场监督管理局 → 市监), or from
     * its category when the name is not a known kind of department.
     */
    static String defaultPrefix(BodySummary body) {
        String name = body.name() == null ? "" : body.name().strip();
        String department = DEPARTMENTS.entrySet().stream().filter(e -> name.endsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        String code = department != null ? DocumentTexts.bodyCode(null, body.divisionName()) + department
                : DocumentTexts.bodyCode(body.category(), body.divisionName());
        return code + "许字";
    }
}
