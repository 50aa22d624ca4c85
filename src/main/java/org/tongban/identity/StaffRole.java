package org.tongban.identity;

/** What a staff account may do; labels in {@code identity.role.NAME}. Staff never register themselves. */
public enum StaffRole {
    /** 窗口人员: receives and accepts applications. */
    WINDOW_OFFICER,
    /** 审查人员 */
    REVIEWER,
    /** 审批人员: decides. */
    APPROVER,
    /** 事项目录管理员: edits, approves and publishes catalogue items. */
    CATALOG_ADMIN,
    /** 监察人员 */
    SUPERVISOR,
    /** 系统管理员: staff accounts, client systems. */
    SYSTEM_ADMIN;

    /** The Spring Security authority. */
    public String authority() {
        return "ROLE_" + name();
    }
}
