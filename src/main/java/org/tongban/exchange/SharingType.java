package org.tongban.exchange;

/**
 * Sharing type of a catalogued resource (共享类型, 政务数据共享条例; DOMAIN §9). Labels in
 * {@code exchange.sharing.NAME}.
 */
public enum SharingType {
    /** 无条件共享: every body may use it at once. */
    UNCONDITIONAL,
    /** 有条件共享: on a request naming purpose, legal basis and items, approved by the provider. */
    CONDITIONAL,
    /** 不予共享: never served; needs a legal basis. */
    NONE
}
