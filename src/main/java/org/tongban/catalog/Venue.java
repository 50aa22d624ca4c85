package org.tongban.catalog;

/**
 * Where and when an implementation item is handled in person, and whom to ask or complain to (办理地点、时间、咨询
 * 及监督投诉方式).
 */
public record Venue(String hall, String address, String hours, String consultationPhone, String complaintPhone) {
}
