package org.tongban.exchange.internal;

import java.util.ArrayList;
import java.util.List;

/** What an administrator types to catalogue or change a resource; kept as typed when it is refused. */
public class ResourceForm {
    private String code = "";
    private String classCode = "";
    private String name = "";
    private String source = "";
    private String providerCode = "";
    private String summary = "";
    private String format = "JSON";
    private String sharingType = "CONDITIONAL";
    private String sharingCondition = "";
    private String legalBasis = "";
    private String sharingMethod = "API";
    private String openness = "NOT_OPEN";
    private String updateCycle = "REALTIME";
    private String relatedCodes = "";
    private String endpointUrl = "";
    private List<String> items = new ArrayList<>();
    private long version;

    public static ResourceForm of(Resource r) {
        ResourceForm f = new ResourceForm();
        f.code = r.code();
        f.classCode = r.classCode();
        f.name = r.name();
        f.source = r.source().name();
        f.providerCode = r.providerCode();
        f.summary = r.summary();
        f.format = r.format();
        f.sharingType = r.sharingType().name();
        f.sharingCondition = r.sharingCondition() == null ? "" : r.sharingCondition();
        f.legalBasis = r.legalBasis() == null ? "" : r.legalBasis();
        f.sharingMethod = r.sharingMethod();
        f.openness = r.openness();
        f.updateCycle = r.updateCycle();
        f.relatedCodes = r.relatedCodes() == null ? "" : r.relatedCodes();
        f.endpointUrl = r.endpointUrl() == null ? "" : r.endpointUrl();
        f.items = new ArrayList<>(r.items());
        f.version = r.version();
        return f;
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getClassCode() { return classCode; }
    public void setClassCode(String classCode) { this.classCode = classCode; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getProviderCode() { return providerCode; }
    public void setProviderCode(String providerCode) { this.providerCode = providerCode; }
    public String getSummary() { return summary; }
    public void setSummary(String summary) { this.summary = summary; }
    public String getFormat() { return format; }
    public void setFormat(String format) { this.format = format; }
    public String getSharingType() { return sharingType; }
    public void setSharingType(String sharingType) { this.sharingType = sharingType; }
    public String getSharingCondition() { return sharingCondition; }
    public void setSharingCondition(String sharingCondition) { this.sharingCondition = sharingCondition; }
    public String getLegalBasis() { return legalBasis; }
    public void setLegalBasis(String legalBasis) { this.legalBasis = legalBasis; }
    public String getSharingMethod() { return sharingMethod; }
    public void setSharingMethod(String sharingMethod) { this.sharingMethod = sharingMethod; }
    public String getOpenness() { return openness; }
    public void setOpenness(String openness) { this.openness = openness; }
    public String getUpdateCycle() { return updateCycle; }
    public void setUpdateCycle(String updateCycle) { this.updateCycle = updateCycle; }
    public String getRelatedCodes() { return relatedCodes; }
    public void setRelatedCodes(String relatedCodes) { this.relatedCodes = relatedCodes; }
    public String getEndpointUrl() { return endpointUrl; }
    public void setEndpointUrl(String endpointUrl) { this.endpointUrl = endpointUrl; }
    public List<String> getItems() { return items; }
    public void setItems(List<String> items) { this.items = items == null ? new ArrayList<>() : items; }
    public long getVersion() { return version; }
    public void setVersion(long version) { this.version = version; }
}
