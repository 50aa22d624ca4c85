package org.tongban.cases.internal;

import java.util.ArrayList;
import java.util.List;

import org.tongban.cases.FieldType;
import org.tongban.cases.FormDefinition;
import org.tongban.cases.FormField;
import org.tongban.cases.FormField.Choice;
import org.tongban.cases.FormField.Condition;
import org.tongban.cases.FormField.Operator;
import org.tongban.catalog.ItemDetail;
import org.tongban.catalog.ServiceTarget;

/**
 * The form an item gets when no administrator has defined one yet: the applicant's contact fields, the company's
 * when the item serves legal persons, and item-specific fields for a few demo items. Stored as data on first use, so
 * an administrator can change it later without code.
 */
final class DefaultForms {

    private DefaultForms() {
    }

    static FormDefinition derive(ItemDetail item) {
        List<FormField> fields = new ArrayList<>();
        fields.add(text("applicant.name", "申请人姓名", "Applicant's name", true, null, null, "account.name", 50));
        fields.add(field("applicant.phone", FieldType.PHONE, "联系电话", "Contact mobile number", true,
                "用于接收办理进度短信通知", "Progress notifications are sent here by SMS", null));
        fields.add(field("applicant.address", FieldType.ADDRESS, "联系地址", "Contact address", false,
                "选择所在县（市、区）并填写详细地址", "Choose the county or district and enter the street address",
                "population.address"));
        ServiceTarget target = item.summary().target();
        if (target != ServiceTarget.NATURAL_PERSON) {
            boolean required = target == ServiceTarget.LEGAL_PERSON;
            fields.add(text("company.name", "单位名称", "Company name", required, "以营业执照记载为准",
                    "As on the business licence", "company.name", 100));
            fields.add(field("company.creditCode", FieldType.CREDIT_CODE, "统一社会信用代码", "Unified social credit code",
                    required, "18 位，见营业执照", "18 characters, see the business licence", "company.creditCode"));
            if (required) {
                // Known to the legal-person base data (an unconditional resource): prefilled, not asked again.
                fields.add(text("company.legalRepresentative", "法定代表人", "Legal representative", false,
                        "以登记机关记载为准", "As registered", "legalPerson.legalRepresentative", 50));
            }
        }
        switch (item.summary().basicCode()) {
            // 个体工商户登记: the registration items of 促进个体工商户发展条例 and its implementing rules.
            case "011070003000" -> {
                fields.add(text("business.name", "个体工商户名称", "Business name", false, "可不使用名称",
                        "A name is optional", null, 50));
                fields.add(choice("business.form", "组成形式", "Form of organization", true,
                        List.of(new Choice("PERSONAL", "个人经营", "Run by one person"),
                                new Choice("FAMILY", "家庭经营", "Run by a family"))));
                fields.add(field("business.operatorId", FieldType.ID_NUMBER, "经营者身份证号码", "Operator's ID number",
                        true, null, null, null));
                // 家庭经营: the family members taking part are registered with the business (促进个体工商户发展条例
                // Art. 2; 市场主体登记管理条例实施细则 Art. 8): a table that only applies to that form of organization.
                fields.add(new FormField("business.family", FieldType.TABLE, "参加经营的家庭成员",
                        "Family members taking part", true, "家庭经营的，列明参加经营的家庭成员",
                        "For a family business, list the family members who take part", List.of(), null, 0,
                        new Condition("business.form", Operator.EQUALS, List.of("FAMILY")),
                        List.of(text("name", "姓名", "Name", true, null, null, null, 50),
                                field("idNumber", FieldType.ID_NUMBER, "身份证号码", "ID number", true, null, null,
                                        null),
                                text("relation", "与经营者关系", "Relation to the operator", true, null, null, null, 20)),
                        10));
                fields.add(text("business.scope", "经营范围", "Business scope", true,
                        "按经营范围规范表述填写", "Use the standard wording of business scopes", null, 500));
                fields.add(field("business.capital", FieldType.MONEY, "资金数额（元）", "Capital (yuan)", true, null,
                        null, null));
                fields.add(field("business.address", FieldType.ADDRESS, "经营场所", "Business premises", true, null,
                        null, null));
            }
            // 食品经营许可: 食品经营许可和备案管理办法 (2023) asks for the operator type and the premises.
            case "011070001000" -> {
                // Labels as the licence names them (主体业态, 经营项目, 经营场所), so the e-certificate is filled from them.
                fields.add(choice("food.category", "主体业态", "Type of operator", true,
                        List.of(new Choice("SALES", "食品销售经营者", "Food retailer"),
                                new Choice("CATERING", "餐饮服务经营者", "Catering business"),
                                new Choice("CANTEEN", "单位食堂", "Staff canteen"))));
                fields.add(field("food.premisesArea", FieldType.NUMBER, "经营场所面积（平方米）",
                        "Floor area of the premises (m²)", true, null, null, null));
                fields.add(field("food.address", FieldType.ADDRESS, "经营场所", "Premises", true, null, null, null));
                fields.add(text("food.items", "经营项目", "Business items", true,
                        "如：热食类食品制售、冷食类食品制售、预包装食品销售", "e.g. hot food preparation and sale", null,
                        500));
                fields.add(field("food.openingDate", FieldType.DATE, "拟开业日期", "Planned opening date", false, null,
                        null, null));
            }
            // 最低生活保障: the household facts the 社会救助暂行办法 assessment starts from.
            case "051030001000" -> {
                fields.add(field("household.size", FieldType.NUMBER, "家庭人口数", "Household members", true, null,
                        null, null));
                fields.add(field("household.monthlyIncome", FieldType.MONEY, "家庭月收入（元）",
                        "Household income per month (yuan)", true, "包括工资、经营、财产等全部收入",
                        "All income: wages, business, property", null));
            }
            default -> {
            }
        }
        return new FormDefinition(item.summary().code(), item.summary().version(), 1, fields);
    }

    private static FormField text(String key, String label, String labelEn, boolean required, String help,
            String helpEn, String prefill, int maxLength) {
        return new FormField(key, FieldType.TEXT, label, labelEn, required, help, helpEn, List.of(), prefill,
                maxLength);
    }

    private static FormField field(String key, FieldType type, String label, String labelEn, boolean required,
            String help, String helpEn, String prefill) {
        return new FormField(key, type, label, labelEn, required, help, helpEn, List.of(), prefill, 0);
    }

    private static FormField choice(String key, String label, String labelEn, boolean required, List<Choice> choices) {
        return new FormField(key, FieldType.CHOICE, label, labelEn, required, null, null, choices, null, 0);
    }
}
